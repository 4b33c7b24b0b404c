use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    let passes = Arc::new(Mutex::new(vec![101, 102]));
    let writer = Arc::clone(&passes);
    let _ = thread::spawn(move || {
        let mut list = writer.lock().unwrap();
        list.push(0);
        panic!("antenna driver crashed"); // `list` is still alive
    })
    .join();

    // --8<-- [start:main]
    assert!(passes.is_poisoned());
    // The error still holds the guard: poisoning is only advice.
    let mut list = match passes.lock() {
        Ok(list) => list,
        Err(poisoned) => poisoned.into_inner(),
    };
    println!("recovered: {:?}", *list);
    list.retain(|&pass| pass != 0); // repair the half-done update
    drop(list);

    passes.clear_poison(); // stable since Rust 1.77
    assert!(!passes.is_poisoned());
    println!("lock() now: {:?}", *passes.lock().unwrap());
    // --8<-- [end:main]
}
