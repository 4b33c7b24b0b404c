// --8<-- [start:exits]
use std::thread;
use std::time::Duration;

fn main() {
    thread::spawn(|| {
        // The next pass over this station is six hours away.
        thread::sleep(Duration::from_secs(6 * 60 * 60));
        println!("pass complete"); // never printed
    });
    println!("main is done, so the process exits");
}
// --8<-- [end:exits]
