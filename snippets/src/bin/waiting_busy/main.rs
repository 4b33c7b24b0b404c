use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    // --8<-- [start:main]
    let reading = Arc::new(Mutex::new(None));

    let sensor = Arc::clone(&reading);
    thread::spawn(move || {
        *sensor.lock().unwrap() = Some(-41); // dBm
    });

    // Busy-waiting: ask again and again, burning a core.
    let value = loop {
        if let Some(value) = *reading.lock().unwrap() {
            break value;
        }
        thread::yield_now(); // polite, but still spinning
    };
    println!("signal strength: {value} dBm");
    // --8<-- [end:main]
}
