//! The stop flag and progress counter of the listing `memory_stop_flag`:
//! a worker counts frames until told to stop, publishing its progress.

use crate::sync::{
    Arc, AtomicBool, AtomicU64, Ordering::Relaxed, thread,
};

/// What the watcher saw and what the worker did.
#[derive(Debug, PartialEq, Eq)]
pub struct Stopped {
    /// The frames the worker says it decoded.
    pub worker_count: u64,
    /// The progress counter read after `join`.
    pub progress: u64,
}

/// Starts a worker, watches its progress until it reaches `frames`, then
/// raises the stop flag and joins it. Panics if the progress the watcher
/// reads ever goes backwards.
pub fn decode_until(frames: u64) -> Stopped {
    let stop = Arc::new(AtomicBool::new(false));
    let decoded = Arc::new(AtomicU64::new(0)); // progress, for anyone to read

    let worker = thread::spawn({
        let (stop, decoded) =
            (Arc::clone(&stop), Arc::clone(&decoded));
        move || {
            let mut mine = 0;
            while !stop.load(Relaxed) {
                mine += 1; // stands in for decoding one frame
                decoded.store(mine, Relaxed);
                thread::yield_now(); // loom explores a loop that yields
            }
            mine
        }
    });
    let mut last = 0;
    while last < frames {
        thread::yield_now();
        let now = decoded.load(Relaxed);
        assert!(now >= last, "progress went backwards");
        last = now;
    }
    stop.store(true, Relaxed);
    let worker_count = worker.join().unwrap();
    Stopped {
        worker_count,
        progress: decoded.load(Relaxed),
    }
}
