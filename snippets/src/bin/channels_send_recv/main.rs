// --8<-- [start:main]
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();

    let tracker = thread::spawn(move || {
        let fix = String::from("SAT-7 azimuth 212.4");
        tx.send(fix).unwrap(); // `fix` moves into the channel
    });

    let fix: String = rx.recv().unwrap(); // blocks until it arrives
    println!("received: {fix}");
    tracker.join().unwrap();
}
// --8<-- [end:main]
