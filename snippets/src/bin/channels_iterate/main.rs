use std::sync::mpsc;
use std::thread;

fn main() {
    // --8<-- [start:main]
    let (tx, rx) = mpsc::channel();

    let downlink = thread::spawn(move || {
        for frame in 1..=3 {
            tx.send(format!("frame {frame}")).unwrap();
        }
        // `tx` is dropped here, when the closure returns
    });

    for message in rx {
        println!("got {message}");
    }
    println!("loop ended: every sender is gone");
    downlink.join().unwrap();
    // --8<-- [end:main]
}
