// --8<-- [start:main]
use std::sync::Arc;
use std::thread;

fn main() {
    let registry = Arc::new(vec!["SAT-07", "SAT-12", "SAT-31"]);

    let handle = thread::spawn({
        // This `registry` is a new handle that shadows the outer
        // one only inside the block; `move` takes the new one.
        let registry = Arc::clone(&registry);
        move || registry.len()
    });

    println!("thread counted {}", handle.join().unwrap());
    println!("main still has {}", registry.join(", "));
}
// --8<-- [end:main]
