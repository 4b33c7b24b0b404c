// --8<-- [start:main]
use std::thread;

struct Limits {
    max_uplink_kbps: u32,
    max_sessions: u32,
}

fn main() {
    // Built at run time, then leaked: the allocation is never
    // freed, so the reference is valid for 'static.
    let limits: &'static Limits = Box::leak(Box::new(Limits {
        max_uplink_kbps: 2_048,
        max_sessions: 48,
    }));

    // A shared reference is Copy: each `move` copies the pointer.
    let a = thread::spawn(move || limits.max_uplink_kbps);
    let b = thread::spawn(move || limits.max_sessions);
    println!("rate limit: {} kbps", a.join().unwrap());
    println!("session limit: {}", b.join().unwrap());
}
// --8<-- [end:main]
