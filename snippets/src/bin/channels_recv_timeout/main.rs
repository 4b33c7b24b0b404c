use std::sync::mpsc;
use std::thread;
use std::time::Duration;

fn main() {
    // --8<-- [start:main]
    let (tx, rx) = mpsc::channel();
    let short = Duration::from_millis(50);

    // Nothing sent yet, but `tx` is alive: we give up waiting.
    println!("{:?}", rx.recv_timeout(short));

    let station = thread::spawn(move || {
        tx.send(200).unwrap(); // a status code
    });
    println!("{:?}", rx.recv_timeout(Duration::from_secs(5)));
    station.join().unwrap();

    // The only sender went away with the thread.
    println!("{:?}", rx.recv_timeout(short));
    // --8<-- [end:main]
}
