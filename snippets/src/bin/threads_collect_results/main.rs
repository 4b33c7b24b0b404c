// --8<-- [start:results]
use std::thread;

/// Frames received during a pass: one every 4 seconds.
fn frames_in_pass(minutes: u32) -> u32 {
    minutes * 60 / 4
}

fn main() {
    let passes = [("SAT-1", 9), ("SAT-2", 12), ("SAT-3", 7)];

    let mut handles = Vec::new();
    for (sat, minutes) in passes {
        let handle =
            thread::spawn(move || (sat, frames_in_pass(minutes)));
        handles.push(handle);
    }

    let mut total = 0;
    for handle in handles {
        let (sat, frames) = handle.join().unwrap();
        println!("{sat}: {frames} frames");
        total += frames;
    }
    println!("total: {total} frames");
}
// --8<-- [end:results]
