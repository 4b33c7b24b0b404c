// --8<-- [start:main]
use std::cell::Cell;
use std::thread;

fn main() {
    let retries = Cell::new(0_u32);
    // The Cell moves: the new thread is its only user.
    let handle = thread::spawn(move || {
        retries.set(retries.get() + 1);
        retries.set(retries.get() + 1);
        retries.get()
    });
    println!("retries in the thread: {}", handle.join().unwrap());
}
// --8<-- [end:main]
