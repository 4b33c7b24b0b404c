// --8<-- [start:loop]
use std::thread;

fn main() {
    let mut jobs = Vec::new();
    for sat in ["SAT-1", "SAT-2", "SAT-3"] {
        // Each closure takes its own copy of `sat` now.
        jobs.push(move || format!("uplink to {sat}"));
    }

    // Run them later, after the loop is over.
    let handles: Vec<_> =
        jobs.into_iter().map(thread::spawn).collect();
    for handle in handles {
        println!("{}", handle.join().unwrap());
    }
}
// --8<-- [end:loop]
