// --8<-- [start:parallel]
use std::thread;

fn contact(station: &str) {
    println!("{station}: contact opened");
    println!("{station}: contact closed");
}

fn main() {
    let mut handles = Vec::new();
    for station in ["Svalbard", "Kiruna", "Awarua"] {
        handles.push(thread::spawn(move || contact(station)));
    }
    // Every thread is already running; now wait for all.
    for handle in handles {
        handle.join().unwrap();
    }
    println!("all contacts done");
}
// --8<-- [end:parallel]
