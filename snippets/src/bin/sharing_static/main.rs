// --8<-- [start:main]
use std::thread;

// Part of the program itself: it exists before main starts
// and is never dropped, so every thread may borrow it.
static STATIONS: [&str; 3] = ["Svalbard", "Kiruna", "Inuvik"];

fn main() {
    let handle = thread::spawn(|| STATIONS.len());
    println!("{} stations known", handle.join().unwrap());
    println!("first: {}", STATIONS[0]);
}
// --8<-- [end:main]
