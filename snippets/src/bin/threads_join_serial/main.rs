// --8<-- [start:serial]
use std::thread;

fn contact(station: &str) {
    println!("{station}: contact opened");
    println!("{station}: contact closed");
}

fn main() {
    for station in ["Svalbard", "Kiruna", "Awarua"] {
        let handle = thread::spawn(move || contact(station));
        // Joining here waits before the next spawn:
        // only one contact thread exists at any time.
        handle.join().unwrap();
    }
    println!("all contacts done");
}
// --8<-- [end:serial]
