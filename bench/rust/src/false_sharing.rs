//! False sharing: two threads, each incrementing its own counter. The
//! counters sit side by side in one cache line, or each is aligned to 64 or
//! 128 bytes so that no line (nor pair of lines) holds both. One thread on
//! one counter is the baseline: no line ever moves between cores.
//! crossbeam's `CachePadded` is the padding real code uses: it aligns to
//! 128 bytes on x86-64 (where the prefetcher pulls lines in pairs).

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crossbeam_utils::CachePadded;

use crate::harness::{Case, Config, timed_threads};

const INCREMENTS: u64 = 20_000_000;

/// Two counters in one 64-byte line.
#[repr(C, align(64))]
struct SideBySide([AtomicU64; 2]);

#[repr(align(64))]
struct Padded64(AtomicU64);

#[repr(align(128))]
struct Padded128(AtomicU64);

/// The counters' layouts, behind one interface.
trait Counters: Sync {
    fn new() -> Self;
    fn counter(&self, index: usize) -> &AtomicU64;
}

impl Counters for SideBySide {
    fn new() -> Self {
        SideBySide([AtomicU64::new(0), AtomicU64::new(0)])
    }
    fn counter(&self, index: usize) -> &AtomicU64 {
        &self.0[index]
    }
}

impl Counters for [Padded64; 2] {
    fn new() -> Self {
        [Padded64(AtomicU64::new(0)), Padded64(AtomicU64::new(0))]
    }
    fn counter(&self, index: usize) -> &AtomicU64 {
        &self[index].0
    }
}

impl Counters for [Padded128; 2] {
    fn new() -> Self {
        [Padded128(AtomicU64::new(0)), Padded128(AtomicU64::new(0))]
    }
    fn counter(&self, index: usize) -> &AtomicU64 {
        &self[index].0
    }
}

impl Counters for [CachePadded<AtomicU64>; 2] {
    fn new() -> Self {
        [
            CachePadded::new(AtomicU64::new(0)),
            CachePadded::new(AtomicU64::new(0)),
        ]
    }
    fn counter(&self, index: usize) -> &AtomicU64 {
        &self[index]
    }
}

/// `threads` threads (1 or 2), each adding `each` to its own counter.
fn count<C: Counters>(threads: usize, each: u64) -> Duration {
    let counters = C::new();
    let elapsed = timed_threads(threads, |index| {
        let counter = black_box(&counters).counter(index);
        for _ in 0..each {
            counter.fetch_add(1, Ordering::Relaxed);
        }
    })
    .0;
    for index in 0..threads {
        assert_eq!(counters.counter(index).load(Ordering::Relaxed), each);
    }
    elapsed
}

pub fn run(config: &Config) -> Vec<Case> {
    let unit = "ns per increment";
    let each = config.scaled(INCREMENTS);
    let case = |id: &'static str, label: &str, threads: usize, run| Case {
        group: "false_sharing",
        id: id.into(),
        series: id,
        label: label.into(),
        threads,
        unit,
        ops: each * threads as u64,
        run,
    };
    let mut cases = vec![case(
        "rust_one_thread",
        "Rust, one thread, one counter",
        1,
        Box::new(move || count::<SideBySide>(1, each)) as crate::harness::Run,
    )];
    if config.max_threads >= 2 {
        cases.extend([
            case(
                "rust_same_line",
                "Rust, two counters in one cache line",
                2,
                Box::new(move || count::<SideBySide>(2, each)),
            ),
            case(
                "rust_padded_64",
                "Rust, counters aligned to 64 bytes",
                2,
                Box::new(move || count::<[Padded64; 2]>(2, each)),
            ),
            case(
                "rust_padded_128",
                "Rust, counters aligned to 128 bytes",
                2,
                Box::new(move || count::<[Padded128; 2]>(2, each)),
            ),
            case(
                "rust_cache_padded",
                "Rust, counters in crossbeam's CachePadded",
                2,
                Box::new(move || count::<[CachePadded<AtomicU64>; 2]>(2, each)),
            ),
        ]);
    }
    cases
}
