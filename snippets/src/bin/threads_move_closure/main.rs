// --8<-- [start:move]
use std::thread;

fn main() {
    let station = String::from("Svalbard");
    let handle = thread::spawn(move || {
        println!("opening a contact with {station}");
    });
    // `station` belongs to the thread now: main cannot use it.
    handle.join().unwrap();
}
// --8<-- [end:move]
