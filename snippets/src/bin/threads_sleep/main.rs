// --8<-- [start:sleep]
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    let mut backoff = Duration::from_millis(10);
    for attempt in 1..=3 {
        let started = Instant::now();
        thread::sleep(backoff);
        // Never shorter than asked; possibly longer.
        assert!(started.elapsed() >= backoff);
        println!("retry {attempt} after {backoff:?}");
        backoff += backoff;
    }
}
// --8<-- [end:sleep]
