// --8<-- [start:main]
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

const ROUNDS: u64 = 1_000;

fn main() {
    for round in 1..=ROUNDS {
        let epoch = AtomicU64::new(0); // the data
        let ready = AtomicBool::new(false); // the flag

        thread::scope(|s| {
            // The reader: wait for the flag, then read the data.
            s.spawn(|| {
                while !ready.load(Ordering::Acquire) {
                    thread::yield_now();
                }
                // This Acquire load saw the Release store, so
                // everything written before that store is
                // visible here, even through a Relaxed load.
                let seen = epoch.load(Ordering::Relaxed);
                assert_eq!(seen, round * 60, "stale epoch");
            });
            // The writer: write the data, then raise the flag.
            s.spawn(|| {
                epoch.store(round * 60, Ordering::Relaxed);
                ready.store(true, Ordering::Release);
            });
        });
    }
    println!("{ROUNDS} rounds: the reader always saw the epoch");
}
// --8<-- [end:main]
