use std::sync::mpsc::{self, RecvTimeoutError, TrySendError};
use std::thread;
use std::time::Duration;

fn main() {
    // --8<-- [start:main]
    let (tx, rx) = mpsc::sync_channel(0); // no room at all
    if let Err(TrySendError::Full(msg)) = tx.try_send("early") {
        println!("try_send: full, nobody is receiving ({msg})");
    }

    let (done_tx, done_rx) = mpsc::channel();
    let sender = thread::spawn(move || {
        tx.send("handshake").unwrap(); // waits for a receiver
        done_tx.send("send returned").unwrap();
    });

    // Nobody has received yet, so `send` cannot have returned.
    let wait = Duration::from_millis(100);
    let early = done_rx.recv_timeout(wait);
    assert_eq!(early, Err(RecvTimeoutError::Timeout));
    println!("before recv: {early:?}");

    println!("recv: {}", rx.recv().unwrap());
    let wait = Duration::from_secs(5);
    println!("after recv: {}", done_rx.recv_timeout(wait).unwrap());
    sender.join().unwrap();
    // --8<-- [end:main]
}
