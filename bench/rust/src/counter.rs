//! A shared counter: `Mutex<u64>`, `AtomicU64::fetch_add`, or a sum per
//! thread added up after `join`. Each strategy does a fixed total number of
//! increments, shared equally by the threads.

use std::hint::black_box;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::harness::{Case, Config, timed_threads};

fn mutex(threads: usize, each: u64) -> std::time::Duration {
    let counter = Mutex::new(0u64);
    let (elapsed, _) = timed_threads(threads, |_| {
        for _ in 0..each {
            *counter.lock().unwrap() += 1;
        }
    });
    assert_eq!(counter.into_inner().unwrap(), each * threads as u64);
    elapsed
}

fn atomic(threads: usize, each: u64) -> std::time::Duration {
    let counter = AtomicU64::new(0);
    let (elapsed, _) = timed_threads(threads, |_| {
        for _ in 0..each {
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });
    assert_eq!(counter.into_inner(), each * threads as u64);
    elapsed
}

fn partial_sums(threads: usize, each: u64) -> std::time::Duration {
    let (elapsed, sums) = timed_threads(threads, |_| {
        let mut local = 0u64;
        for _ in 0..each {
            // black_box keeps the loop from being folded into one add.
            local = black_box(local + 1);
        }
        local
    });
    assert_eq!(sums.iter().sum::<u64>(), each * threads as u64);
    elapsed
}

/// (series, label, total increments, strategy): the totals differ so that
/// every run takes a similar time.
type Strategy = (
    &'static str,
    &'static str,
    u64,
    fn(usize, u64) -> std::time::Duration,
);

const STRATEGIES: [Strategy; 3] = [
    ("rust_mutex", "Rust Mutex<u64>", 2_000_000, mutex),
    (
        "rust_atomic",
        "Rust AtomicU64::fetch_add",
        10_000_000,
        atomic,
    ),
    (
        "rust_partial",
        "Rust per-thread sums",
        200_000_000,
        partial_sums,
    ),
];

pub fn run(config: &Config) -> Vec<Case> {
    let mut cases = Vec::new();
    for (series, label, total, strategy) in STRATEGIES {
        for threads in config.thread_counts() {
            let each = config.scaled(total) / threads as u64;
            let ops = each * threads as u64;
            cases.push(Case {
                group: "counter",
                id: format!("{series}_{threads}"),
                series,
                label: label.into(),
                threads,
                unit: "ns per increment",
                ops,
                run: Box::new(move || strategy(threads, each)),
            });
        }
    }
    cases
}
