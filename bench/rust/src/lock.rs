//! An uncontended lock: one thread locks, bumps a counter and unlocks, in a
//! loop. `std::sync::Mutex` against a spin lock like the one on the atomics
//! page, whose unlock is a plain `Release` store, and against the same spin
//! lock unlocking with a `swap`, the instruction std's futex mutex unlocks
//! with (it must learn whether a waiter needs waking).

use std::hint::black_box;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use crate::harness::{Case, Config, timed_threads};

const ROUNDS: u64 = 20_000_000;

fn mutex(each: u64) -> Duration {
    let counter = Mutex::new(0u64);
    let elapsed = timed_threads(1, |_| {
        for _ in 0..each {
            *black_box(&counter).lock().unwrap() += 1;
        }
    })
    .0;
    assert_eq!(counter.into_inner().unwrap(), each);
    elapsed
}

/// The atomics page's spin lock without its `UnsafeCell` (this crate
/// forbids `unsafe`): the flag is the lock, and the counter it guards is an
/// atomic read and written with `Relaxed`, a plain load and store.
struct SpinLock {
    locked: AtomicBool,
    counter: AtomicU64,
}

impl SpinLock {
    fn lock(&self) {
        while self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            std::hint::spin_loop();
        }
    }

    fn bump(&self) {
        let n = self.counter.load(Ordering::Relaxed);
        self.counter.store(n + 1, Ordering::Relaxed);
    }
}

fn spin(each: u64, unlock_with_swap: bool) -> Duration {
    let lock = SpinLock {
        locked: AtomicBool::new(false),
        counter: AtomicU64::new(0),
    };
    let elapsed = timed_threads(1, |_| {
        let lock = black_box(&lock);
        for _ in 0..each {
            lock.lock();
            lock.bump();
            if unlock_with_swap {
                black_box(lock.locked.swap(false, Ordering::Release));
            } else {
                lock.locked.store(false, Ordering::Release);
            }
        }
    })
    .0;
    assert_eq!(lock.counter.into_inner(), each);
    elapsed
}

pub fn run(config: &Config) -> Vec<Case> {
    let unit = "ns per lock and unlock";
    let each = config.scaled(ROUNDS);
    let case = |id: &'static str, label: &str, run: crate::harness::Run| Case {
        group: "lock",
        id: id.into(),
        series: id,
        label: label.into(),
        threads: 1,
        unit,
        ops: each,
        run,
    };
    vec![
        case(
            "rust_mutex_free",
            "Rust Mutex<u64>, uncontended",
            Box::new(move || mutex(each)),
        ),
        case(
            "rust_spin_store",
            "Rust spin lock, unlock by store",
            Box::new(move || spin(each, false)),
        ),
        case(
            "rust_spin_swap",
            "Rust spin lock, unlock by swap",
            Box::new(move || spin(each, true)),
        ),
    ]
}
