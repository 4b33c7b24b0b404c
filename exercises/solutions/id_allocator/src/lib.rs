//! Lock-free pieces of the uplink: an id allocator for commands and a
//! flag that tells workers to stop.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::thread;

/// Hands out command ids, each at most once, from any number of
/// threads, with no lock.
///
/// Ids run from the first one up to `u32::MAX - 1`; the stored value
/// `u32::MAX` means "used up". Once used up, the allocator stays used
/// up: it never wraps around to 0 and hands an id out a second time.
pub struct IdAllocator {
    next: AtomicU32,
}

impl IdAllocator {
    /// An allocator whose first id is `first`.
    pub fn starting_at(first: u32) -> IdAllocator {
        IdAllocator {
            next: AtomicU32::new(first),
        }
    }

    /// The next id, or `None` once every id is used up. Never blocks.
    pub fn allocate(&self) -> Option<u32> {
        // `fetch_add` would wrap past u32::MAX; `fetch_update` stores
        // the next value only if it is still the value it read (a
        // compare-exchange loop), and stores nothing once used up.
        self.next
            .fetch_update(
                Ordering::Relaxed,
                Ordering::Relaxed,
                |next| (next < u32::MAX).then(|| next + 1),
            )
            .ok()
    }
}

/// A flag one thread raises to tell workers to stop.
#[derive(Default)]
pub struct StopFlag {
    raised: AtomicBool,
}

impl StopFlag {
    pub fn new() -> StopFlag {
        StopFlag::default()
    }

    /// Raises the flag. Never blocks.
    pub fn raise(&self) {
        // Release: what this thread did before raising the flag is
        // visible to a worker that sees it raised (Acquire).
        self.raised.store(true, Ordering::Release);
    }

    /// Whether the flag was raised. Never blocks.
    pub fn is_raised(&self) -> bool {
        self.raised.load(Ordering::Acquire)
    }
}

/// Runs `workers` threads at once, each taking ids from `ids` until
/// `stop` is raised or the ids are used up, and returns each worker's
/// ids, in the order it got them. Returns when every worker is done.
pub fn run_workers(
    workers: usize,
    ids: &IdAllocator,
    stop: &StopFlag,
) -> Vec<Vec<u32>> {
    thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut taken = Vec::new();
                    while !stop.is_raised() {
                        match ids.allocate() {
                            Some(id) => taken.push(id),
                            None => break,
                        }
                    }
                    taken
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap())
            .collect()
    })
}
