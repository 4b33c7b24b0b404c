// compile-fail: E0277
// --8<-- [start:body]
use std::cell::Cell;
use std::thread;

fn main() {
    let retries = Cell::new(0_u32);
    thread::scope(|s| {
        // Both closures borrow the same Cell: it would be shared.
        s.spawn(|| retries.set(retries.get() + 1));
        s.spawn(|| retries.set(retries.get() + 1));
    });
    println!("retries: {}", retries.get());
}
// --8<-- [end:body]
