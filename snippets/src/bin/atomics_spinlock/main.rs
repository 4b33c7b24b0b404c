use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

// --8<-- [start:lock]
pub struct SpinLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: `lock` hands out access to `value` to one thread at
// a time (a guard exists only after a compare-exchange turned
// `locked` from false to true), and Acquire/Release make each
// holder see the writes of the one before. So sharing a
// `&SpinLock<T>` only ever moves the T from thread to thread:
// T: Send is enough, T: Sync is not needed.
unsafe impl<T: Send> Sync for SpinLock<T> {}

impl<T> SpinLock<T> {
    pub const fn new(value: T) -> Self {
        Self {
            locked: AtomicBool::new(false),
            value: UnsafeCell::new(value),
        }
    }

    pub fn lock(&self) -> SpinGuard<'_, T> {
        while self
            .locked
            .compare_exchange_weak(
                false,
                true,
                Ordering::Acquire,
                Ordering::Relaxed,
            )
            .is_err()
        {
            std::hint::spin_loop(); // tell the CPU we wait
        }
        SpinGuard {
            locked: &self.locked,
            // SAFETY: we just set `locked`, so no other
            // reference to the value exists until we clear it.
            value: unsafe { &mut *self.value.get() },
        }
    }
}
// --8<-- [end:lock]

// --8<-- [start:guard]
/// Access to the value; the lock is released when it drops.
pub struct SpinGuard<'a, T> {
    locked: &'a AtomicBool,
    value: &'a mut T,
}

impl<T> Deref for SpinGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.value
    }
}

impl<T> DerefMut for SpinGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.value
    }
}

impl<T> Drop for SpinGuard<'_, T> {
    fn drop(&mut self) {
        // Release: our writes happen before the next Acquire.
        self.locked.store(false, Ordering::Release);
    }
}
// --8<-- [end:guard]

// --8<-- [start:main]
fn main() {
    let log = SpinLock::new(Vec::new());

    thread::scope(|s| {
        for station in ["Kiruna", "Svalbard", "Awarua"] {
            let log = &log;
            s.spawn(move || {
                for pass in 0..500 {
                    // The guard lives for this one statement.
                    log.lock().push((station, pass));
                }
            });
        }
    });

    let log = log.lock();
    println!("log entries: {}", log.len());
    for station in ["Awarua", "Kiruna", "Svalbard"] {
        let mine = log.iter().filter(|(s, _)| *s == station);
        println!("{station}: {} passes", mine.count());
    }
}
// --8<-- [end:main]
