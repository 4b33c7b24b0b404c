// --8<-- [start:main]
use std::sync::Mutex;

fn main() {
    let passes = Mutex::new(5); // the data lives inside

    {
        let mut guard = passes.lock().unwrap();
        *guard += 1; // reach the data through the guard
    } // guard dropped here: the mutex is unlocked

    println!("{passes:?}");
    println!("value: {}", passes.lock().unwrap());
}
// --8<-- [end:main]
