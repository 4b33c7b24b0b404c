use std::any::Any;
use std::panic;
use std::sync::atomic::{AtomicU64, Ordering};

/// The text of a panic's payload.
fn message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "(not a string)"
    }
}

fn main() {
    // --8<-- [start:main]
    panic::set_hook(Box::new(|_| {})); // no report on stderr

    let frames = AtomicU64::new(7);
    // Chosen at run time, so the compiler cannot refuse them.
    let orders = [Ordering::Acquire, Ordering::Release];

    for order in orders {
        match panic::catch_unwind(|| frames.load(order)) {
            Ok(n) => println!("load {order:?}: {n}"),
            Err(p) => println!("load {order:?}: {}", message(&*p)),
        }
    }
    for order in orders {
        match panic::catch_unwind(|| frames.store(8, order)) {
            Ok(()) => println!("store {order:?}: done"),
            Err(p) => println!("store {order:?}: {}", message(&*p)),
        }
    }
    // --8<-- [end:main]
}
