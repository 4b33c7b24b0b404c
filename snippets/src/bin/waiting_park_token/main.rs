use std::thread;
use std::time::{Duration, Instant};

fn main() {
    // --8<-- [start:main]
    let me = thread::current();
    me.unpark();
    me.unpark(); // a second unpark adds nothing

    let start = Instant::now();
    thread::park(); // uses the saved token
    assert!(start.elapsed() < Duration::from_secs(1));
    println!("first park: returned at once");

    let limit = Duration::from_millis(100);
    let start = Instant::now();
    thread::park_timeout(limit); // no token left
    assert!(start.elapsed() >= limit);
    println!("second park_timeout: waited the full 100ms");
    // --8<-- [end:main]
}
