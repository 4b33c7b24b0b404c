// --8<-- [start:spawn]
use std::thread;

fn main() {
    let handle = thread::spawn(|| {
        let frames_per_pass = 48;
        let passes_today = 3;
        frames_per_pass * passes_today
    });

    // Main carries on here while the thread works...
    let result = handle.join(); // ...and waits for it here.
    println!("join returned {result:?}");
    let frames = result.unwrap();
    println!("frames to downlink: {frames}");
}
// --8<-- [end:spawn]
