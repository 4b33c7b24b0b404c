use std::sync::mpsc;

fn main() {
    // --8<-- [start:main]
    let (tx, rx) = mpsc::channel();
    tx.send(73).unwrap(); // a sequence number

    println!("{:?}", rx.try_recv()); // a message is waiting
    println!("{:?}", rx.try_recv()); // queue empty, sender alive
    drop(tx);
    println!("{:?}", rx.try_recv()); // queue empty, no sender
    // --8<-- [end:main]
}
