// --8<-- [start:main]
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::thread;
use std::time::Duration;

fn main() {
    let stop = AtomicBool::new(false);
    let decoded = AtomicU64::new(0); // progress, for anyone to read

    let worker_count = thread::scope(|s| {
        let worker = s.spawn(|| {
            let mut mine = 0;
            while !stop.load(Relaxed) {
                mine += 1; // stands in for decoding one frame
                decoded.store(mine, Relaxed);
            }
            mine
        });
        // Watch the progress until 1000 frames are decoded.
        let mut last = 0;
        while last < 1_000 {
            thread::sleep(Duration::from_millis(1));
            let now = decoded.load(Relaxed);
            assert!(now >= last, "progress went backwards");
            last = now;
        }
        stop.store(true, Relaxed);
        worker.join().unwrap()
    });

    // After join, the progress counter is exact.
    assert_eq!(decoded.load(Relaxed), worker_count);
    assert!(worker_count >= 1_000);
    println!("the worker saw the stop flag and returned");
    println!("after join, progress equals the worker's own count");
}
// --8<-- [end:main]
