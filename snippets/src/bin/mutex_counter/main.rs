// --8<-- [start:main]
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    let contacts = Arc::new(Mutex::new(0));

    let handles: Vec<_> = (0..10)
        .map(|_| {
            let contacts = Arc::clone(&contacts);
            thread::spawn(move || {
                *contacts.lock().unwrap() += 1;
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }

    println!("contacts: {}", *contacts.lock().unwrap());
}
// --8<-- [end:main]
