//! The spin lock of the listing `atomics_spinlock`, on the cell type of
//! [`crate::sync`] so that loom sees every access to the value.

use std::ops::{Deref, DerefMut};

use crate::sync::{
    Arc, AtomicBool, MutPtr,
    Ordering::{Acquire, Relaxed, Release},
    UnsafeCell, hint, thread,
};

pub struct SpinLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: as in the lesson: a guard exists only after a compare-exchange
// turned `locked` from false to true, so one thread at a time reaches the
// value, and Acquire/Release make each holder see the previous one's writes.
unsafe impl<T: Send> Sync for SpinLock<T> {}

impl<T> SpinLock<T> {
    pub fn new(value: T) -> Self {
        Self {
            locked: AtomicBool::new(false),
            value: UnsafeCell::new(value),
        }
    }

    /// Spins until the lock is free, then takes it.
    pub fn lock(&self) -> SpinGuard<'_, T> {
        while self
            .locked
            .compare_exchange_weak(false, true, Acquire, Relaxed)
            .is_err()
        {
            hint::spin_loop(); // tell the CPU (and loom) we wait
        }
        SpinGuard {
            locked: &self.locked,
            value: self.value.get_mut(),
        }
    }
}

/// Access to the value; the lock is released when it drops.
pub struct SpinGuard<'a, T> {
    locked: &'a AtomicBool,
    value: MutPtr<T>,
}

impl<T> Deref for SpinGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: this guard holds the lock, so no other reference exists.
        unsafe { self.value.deref() }
    }
}

impl<T> DerefMut for SpinGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as for `deref`.
        unsafe { self.value.deref() }
    }
}

impl<T> Drop for SpinGuard<'_, T> {
    fn drop(&mut self) {
        self.locked.store(false, Release);
    }
}

/// Each station's thread logs `passes` passes through one lock; returns
/// the log once every thread has been joined.
pub fn log_passes(
    stations: &[&'static str],
    passes: u32,
) -> Vec<(&'static str, u32)> {
    let log = Arc::new(SpinLock::new(Vec::new()));
    let threads: Vec<_> = stations
        .iter()
        .map(|&station| {
            let log = Arc::clone(&log);
            thread::spawn(move || {
                for pass in 0..passes {
                    log.lock().push((station, pass));
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    log.lock().clone()
}
