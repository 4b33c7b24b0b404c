use std::sync::{Barrier, Mutex, TryLockError};
use std::thread;

// --8<-- [start:helper]
/// Lock `first`, meet the other thread, then *try* `second`.
fn grab(
    first: &Mutex<&str>,
    second: &Mutex<&str>,
    meet: &Barrier,
) -> String {
    let held = first.lock().unwrap();
    meet.wait(); // now both threads hold their first lock
    let outcome = match second.try_lock() {
        Ok(_) => "got it",
        Err(TryLockError::WouldBlock) => "would block",
        Err(TryLockError::Poisoned(_)) => "poisoned",
    };
    meet.wait(); // hold on until the other thread has tried too
    format!("holds {}, tries the other: {outcome}", *held)
}
// --8<-- [end:helper]

fn main() {
    // --8<-- [start:main]
    let sessions = Mutex::new("sessions");
    let commands = Mutex::new("commands");
    let meet = Barrier::new(2);

    let (a, b) = thread::scope(|s| {
        let a = s.spawn(|| grab(&sessions, &commands, &meet));
        let b = s.spawn(|| grab(&commands, &sessions, &meet));
        (a.join().unwrap(), b.join().unwrap())
    });
    println!("thread A {a}");
    println!("thread B {b}");
    // --8<-- [end:main]
}
