// --8<-- [start:main]
use std::sync::{Arc, RwLock};
use std::thread;

fn describe<T>(lock: &RwLock<T>) -> &'static str {
    if lock.is_poisoned() {
        "poisoned"
    } else {
        "not poisoned"
    }
}

fn main() {
    let config = Arc::new(RwLock::new(String::from("S-band")));

    let reader = Arc::clone(&config);
    let _ = thread::spawn(move || {
        let _band = reader.read().unwrap();
        panic!("reader crashed");
    })
    .join();
    println!("after a reader panics: {}", describe(&config));

    let writer = Arc::clone(&config);
    let _ = thread::spawn(move || {
        let _band = writer.write().unwrap();
        panic!("writer crashed");
    })
    .join();
    println!("after a writer panics: {}", describe(&config));
}
// --8<-- [end:main]
