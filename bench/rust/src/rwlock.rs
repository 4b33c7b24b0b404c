//! `RwLock` against `Mutex` on the same workloads: every thread runs a fixed
//! sequence of operations on a shared `Vec<u64>`; operation `j` is a write
//! when `(j * writes) % 100 < writes`, so writes are spread evenly. A write
//! bumps one element; a read either copies one element out (a short
//! critical section) or sums the whole vector (a long one).

use std::hint::black_box;
use std::ops::{Deref, DerefMut};
use std::sync::{Mutex, RwLock};
use std::time::Duration;

use crate::harness::{Case, Config, timed_threads};

pub const LEN: usize = 1024;
const OPS_SHORT: u64 = 2_000_000;
const OPS_LONG: u64 = 300_000;

/// (name in ids, writes per 100 operations)
pub const MIXES: [(&str, u64); 2] = [("read_heavy", 1), ("write_heavy", 50)];

fn workload<R, W>(
    threads: usize,
    each: u64,
    writes: u64,
    long: bool,
    read: impl Fn() -> R + Sync,
    write: impl Fn() -> W + Sync,
) -> Duration
where
    R: Deref<Target = Vec<u64>>,
    W: DerefMut<Target = Vec<u64>>,
{
    let (elapsed, _) = timed_threads(threads, |_| {
        let mut seen = 0u64;
        for j in 0..each {
            if (j * writes) % 100 < writes {
                write()[j as usize % LEN] += 1;
            } else {
                let data = read();
                let value = if long {
                    data.iter().sum()
                } else {
                    data[j as usize % LEN]
                };
                seen = seen.wrapping_add(value);
            }
        }
        black_box(seen)
    });
    elapsed
}

fn expected_total(threads: usize, each: u64, writes: u64) -> u64 {
    let per_thread = (0..each).filter(|j| (j * writes) % 100 < writes).count();
    LEN as u64 + per_thread as u64 * threads as u64
}

fn with_mutex(threads: usize, each: u64, writes: u64, long: bool) -> Duration {
    let lock = Mutex::new(vec![1u64; LEN]);
    let read = || lock.lock().unwrap();
    let elapsed = workload(threads, each, writes, long, read, read);
    let total: u64 = lock.into_inner().unwrap().iter().sum();
    assert_eq!(total, expected_total(threads, each, writes));
    elapsed
}

fn with_rwlock(threads: usize, each: u64, writes: u64, long: bool) -> Duration {
    let lock = RwLock::new(vec![1u64; LEN]);
    let read = || lock.read().unwrap();
    let write = || lock.write().unwrap();
    let elapsed = workload(threads, each, writes, long, read, write);
    let total: u64 = lock.into_inner().unwrap().iter().sum();
    assert_eq!(total, expected_total(threads, each, writes));
    elapsed
}

type Lock = (
    &'static str,
    &'static str,
    fn(usize, u64, u64, bool) -> Duration,
);

const LOCKS: [Lock; 2] = [
    ("rust_mutex", "Rust Mutex", with_mutex),
    ("rust_rwlock", "Rust RwLock", with_rwlock),
];

pub fn run(config: &Config) -> Vec<Case> {
    let threads = config.max_threads;
    let mut cases = Vec::new();
    for (mix, writes) in MIXES {
        for long in [false, true] {
            let each = config.scaled(if long { OPS_LONG } else { OPS_SHORT });
            let ops = each * threads as u64;
            let (section, read) = if long {
                ("long", format!("read sums {LEN} values"))
            } else {
                ("short", "read copies one value".to_string())
            };
            for (series, name, run) in LOCKS {
                cases.push(Case {
                    group: "rwlock",
                    id: format!("{series}_{mix}_{section}"),
                    series,
                    label: format!("{name}, {reads} % reads, {read}", reads = 100 - writes),
                    threads,
                    unit: "ns per operation",
                    ops,
                    run: Box::new(move || run(threads, each, writes, long)),
                });
            }
        }
    }
    cases
}
