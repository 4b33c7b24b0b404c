use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    // --8<-- [start:main]
    let inbox = Arc::new(Mutex::new(VecDeque::new()));

    let consumer = {
        let inbox = Arc::clone(&inbox);
        thread::spawn(move || {
            let mut done = Vec::new();
            while done.len() < 3 {
                let next = inbox.lock().unwrap().pop_front();
                match next {
                    Some(command) => done.push(command),
                    // Sleep until unparked, then check again:
                    // a wake-up is a hint, not a promise.
                    None => thread::park(),
                }
            }
            done
        })
    };

    for command in ["point", "lock-on", "uplink"] {
        inbox.lock().unwrap().push_back(command);
        consumer.thread().unpark();
    }
    let handled = consumer.join().unwrap();
    println!("handled {}", handled.join(", "));
    // --8<-- [end:main]
}
