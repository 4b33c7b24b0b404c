use std::sync::{Arc, Condvar, Mutex};
use std::thread;

fn main() {
    // --8<-- [start:main]
    let window = Arc::new((Mutex::new(false), Condvar::new()));
    let (lock, opened) = &*window;

    let mut is_open = lock.lock().unwrap(); // main holds the lock

    let opener = {
        let window = Arc::clone(&window);
        thread::spawn(move || {
            let (lock, opened) = &*window;
            // This can only succeed while main sits in `wait`.
            let mut is_open = lock.lock().unwrap();
            *is_open = true;
            println!("opener: locked the mutex, window open");
            opened.notify_one();
        })
    };

    while !*is_open {
        // Unlock and sleep in one step; relock before returning.
        is_open = opened.wait(is_open).unwrap();
    }
    // `wait` locked the mutex again before it returned.
    assert!(lock.try_lock().is_err());
    println!("main: woke up holding the lock again");
    drop(is_open);
    opener.join().unwrap();
    // --8<-- [end:main]
}
