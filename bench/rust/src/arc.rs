//! The cost of `Rc::clone` and `Arc::clone`: clone a handle and drop it,
//! in a loop. `black_box` makes the compiler keep every count update.

use std::hint::black_box;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use crate::harness::{Case, Config, timed_threads};

const CLONES_RC: u64 = 100_000_000;
const CLONES: u64 = 10_000_000;
const CLONES_SHARED: u64 = 5_000_000;

fn rc(each: u64) -> Duration {
    timed_threads(1, |_| {
        let rc = Rc::new(0u64);
        for _ in 0..each {
            drop(black_box(Rc::clone(&rc)));
        }
        assert_eq!(Rc::strong_count(&rc), 1);
    })
    .0
}

/// A value aligned to 128 bytes: two of them never share a cache line (nor
/// a pair of lines, which some CPUs fetch together).
#[repr(align(128))]
struct Padded(#[allow(dead_code)] u64);

/// Every thread clones its own `Arc`: atomic, but no cache line is shared.
/// Without the padding, the allocator may put two threads' counts side by
/// side in one line, and the threads contend as if they shared one `Arc`.
fn arc_own(threads: usize, each: u64) -> Duration {
    timed_threads(threads, |_| {
        let arc = Arc::new(Padded(0));
        for _ in 0..each {
            drop(black_box(Arc::clone(&arc)));
        }
    })
    .0
}

/// All threads clone the same `Arc`: its count bounces between cores.
fn arc_shared(threads: usize, each: u64) -> Duration {
    let arc = Arc::new(0u64);
    let elapsed = timed_threads(threads, |_| {
        for _ in 0..each {
            drop(black_box(Arc::clone(&arc)));
        }
    })
    .0;
    assert_eq!(Arc::strong_count(&arc), 1);
    elapsed
}

pub fn run(config: &Config) -> Vec<Case> {
    let unit = "ns per clone and drop";
    let rc_each = config.scaled(CLONES_RC);
    let each = config.scaled(CLONES);
    let mut cases = vec![
        Case {
            group: "arc",
            id: "rust_rc".into(),
            series: "rust_rc",
            label: "Rust Rc::clone".into(),
            threads: 1,
            unit,
            ops: rc_each,
            run: Box::new(move || rc(rc_each)),
        },
        Case {
            group: "arc",
            id: "rust_arc".into(),
            series: "rust_arc",
            label: "Rust Arc::clone".into(),
            threads: 1,
            unit,
            ops: each,
            run: Box::new(move || arc_own(1, each)),
        },
    ];
    let threads = config.max_threads;
    if threads > 1 {
        let each = config.scaled(CLONES_SHARED);
        let ops = each * threads as u64;
        cases.push(Case {
            group: "arc",
            id: format!("rust_arc_own_{threads}"),
            series: "rust_arc_own",
            label: "Rust Arc::clone, one Arc per thread".into(),
            threads,
            unit,
            ops,
            run: Box::new(move || arc_own(threads, each)),
        });
        cases.push(Case {
            group: "arc",
            id: format!("rust_arc_shared_{threads}"),
            series: "rust_arc_shared",
            label: "Rust Arc::clone, one Arc shared by all threads".into(),
            threads,
            unit,
            ops,
            run: Box::new(move || arc_shared(threads, each)),
        });
    }
    cases
}
