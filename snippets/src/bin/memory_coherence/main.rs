// --8<-- [start:main]
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;
use std::time::{Duration, Instant};

const COUNTERS: u64 = 3;
const EACH: u64 = 10_000;
const TOTAL: u64 = COUNTERS * EACH;

fn main() {
    let frames = AtomicU64::new(0);

    let mut handed_out = thread::scope(|s| {
        let counters: Vec<_> = (0..COUNTERS)
            .map(|_| {
                s.spawn(|| {
                    // The value each increment replaced.
                    let mine: Vec<u64> = (0..EACH)
                        .map(|_| frames.fetch_add(1, Relaxed))
                        .collect();
                    // One thread's increments move forward.
                    assert!(mine.is_sorted());
                    mine
                })
            })
            .collect();
        let watcher = s.spawn(|| {
            // Never wait forever, should a counting thread die.
            let give_up = Instant::now() + Duration::from_secs(5);
            let mut last = frames.load(Relaxed);
            while last < TOTAL && Instant::now() < give_up {
                let now = frames.load(Relaxed);
                // A later load never reads an older value.
                assert!(now >= last, "went back: {last} -> {now}");
                last = now;
                thread::yield_now();
            }
        });
        watcher.join().unwrap();
        counters
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect::<Vec<u64>>()
    });

    // Every increment read a different value: none was lost.
    handed_out.sort_unstable();
    assert!(handed_out.iter().copied().eq(0..TOTAL));
    println!("fetch_add replaced each of 0..{TOTAL} exactly once");
    println!("each counting thread's values only rose");
    println!("the watcher's loads never went backwards");
    println!("final: {}", frames.load(Relaxed));
}
// --8<-- [end:main]
