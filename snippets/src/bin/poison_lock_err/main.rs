// --8<-- [start:main]
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    let passes = Arc::new(Mutex::new(vec![101, 102]));

    let writer = Arc::clone(&passes);
    let outcome = thread::spawn(move || {
        let mut list = writer.lock().unwrap();
        list.push(0); // half of a two-step update...
        panic!("antenna driver crashed"); // ...then a panic
    })
    .join();
    assert!(outcome.is_err()); // join reports the panic
    assert!(passes.is_poisoned());

    match passes.lock() {
        Ok(list) => println!("lock() gave Ok: {:?}", *list),
        Err(_) => println!("lock() gave Err(PoisonError)"),
    }
}
// --8<-- [end:main]
