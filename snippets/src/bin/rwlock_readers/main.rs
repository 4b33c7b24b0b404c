use std::sync::{RwLock, TryLockError, TryLockResult};
use std::thread;

// --8<-- [start:attempt]
fn attempt<G>(result: TryLockResult<G>) -> &'static str {
    match result {
        Ok(_) => "granted",
        Err(TryLockError::WouldBlock) => "would block",
        Err(TryLockError::Poisoned(_)) => "poisoned",
    }
}
// --8<-- [end:attempt]

fn main() {
    // --8<-- [start:main]
    let bands = RwLock::new(vec!["S", "X"]);

    let reading = bands.read().unwrap(); // main reads...
    thread::scope(|s| {
        s.spawn(|| {
            // ...and another thread may read at the same time,
            println!("try_read: {}", attempt(bands.try_read()));
            // but may not write.
            println!("try_write: {}", attempt(bands.try_write()));
        });
    });
    drop(reading);

    let mut writing = bands.write().unwrap(); // main writes...
    writing.push("Ka");
    thread::scope(|s| {
        s.spawn(|| {
            // ...so nobody else may read or write.
            println!("try_read: {}", attempt(bands.try_read()));
            println!("try_write: {}", attempt(bands.try_write()));
        });
    });
    drop(writing);
    println!("bands: {}", bands.read().unwrap().join(", "));
    // --8<-- [end:main]
}
