use std::sync::mpsc;
use std::sync::{Arc, RwLock, TryLockError};
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    // --8<-- [start:main]
    let table = Arc::new(RwLock::new(1));
    let reading = table.read().unwrap(); // a long reader

    let (about_to_write, writer_started) = mpsc::channel();
    let writer = {
        let table = Arc::clone(&table);
        thread::spawn(move || {
            about_to_write.send(()).unwrap();
            *table.write().unwrap() += 1; // queues behind us
        })
    };
    writer_started.recv_timeout(Duration::from_secs(5)).unwrap();

    // Poll (bounded) until a new reader is turned away.
    let deadline = Instant::now() + Duration::from_secs(5);
    let outcome = loop {
        // A separate `let`: a read guard granted here is
        // dropped at the `;`, not held through the sleep.
        let attempt = table.try_read().map(drop);
        match attempt {
            Err(TryLockError::WouldBlock) => break "would block",
            _ if Instant::now() > deadline => break "granted",
            _ => thread::sleep(Duration::from_millis(1)),
        }
    };
    println!("new reader while a writer waits: {outcome}");

    drop(reading); // the writer goes first, then readers again
    writer.join().unwrap();
    println!("after the writer: {}", *table.read().unwrap());
    // --8<-- [end:main]
}
