// compile-fail: E0277
// --8<-- [start:body]
use std::cell::Cell;
use std::sync::Arc;
use std::thread;

fn main() {
    let retries = Arc::new(Cell::new(0_u32));
    let handle = thread::spawn({
        let retries = Arc::clone(&retries);
        move || retries.set(retries.get() + 1)
    });
    handle.join().unwrap();
}
// --8<-- [end:body]
