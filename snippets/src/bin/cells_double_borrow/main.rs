use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};

// --8<-- [start:main]
fn main() {
    let queue = RefCell::new(vec!["point antenna"]);

    // catch_unwind turns the panic into an Err we can print.
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        let reading = queue.borrow(); // shared borrow held...
        queue.borrow_mut().push("open uplink"); // ...then this
        reading.len()
    }));

    let payload = result.unwrap_err();
    let message = payload.downcast_ref::<String>().unwrap();
    println!("panicked: {message}");
    println!("queue unchanged: {}", queue.borrow().join(", "));
}
// --8<-- [end:main]
