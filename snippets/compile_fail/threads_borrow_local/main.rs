// compile-fail: E0373
// --8<-- [start:body]
use std::thread;

fn main() {
    let station = String::from("Svalbard");
    let handle = thread::spawn(|| {
        println!("opening a contact with {station}");
    });
    handle.join().unwrap();
}
// --8<-- [end:body]
