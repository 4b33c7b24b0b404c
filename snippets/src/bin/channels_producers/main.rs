use std::sync::mpsc;
use std::thread;

fn main() {
    // --8<-- [start:main]
    let (tx, rx) = mpsc::channel();

    for station in ["Kiruna", "Hartebeesthoek", "Santiago"] {
        let tx = tx.clone(); // one sender per producer
        thread::spawn(move || {
            tx.send(format!("{station}: link up")).unwrap();
        });
    }
    drop(tx); // keep no sender of our own

    let mut reports = 0;
    for report in rx {
        println!("{report}");
        reports += 1;
    }
    println!("{reports} reports, channel closed");
    // --8<-- [end:main]
}
