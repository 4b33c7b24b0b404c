// --8<-- [start:fn_closure]
use std::thread;

fn self_test() {
    println!("self-test: modem and antenna nominal");
}

fn check_link(station: &str) {
    println!("link check: {station} answers");
}

fn main() {
    // A function that takes no arguments can be passed as is.
    let first = thread::spawn(self_test);
    first.join().unwrap();

    // Anything else goes through a closure.
    let second = thread::spawn(|| check_link("Inuvik"));
    second.join().unwrap();
}
// --8<-- [end:fn_closure]
