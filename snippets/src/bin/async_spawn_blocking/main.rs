// --8<-- [start:main]
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

const PATIENCE: Duration = Duration::from_millis(200);

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Blocking in async code: the sender task cannot run meanwhile.
    let (tx, rx) = mpsc::channel();
    let sender =
        tokio::spawn(async move { tx.send("frame").unwrap() });
    let blocked = rx.recv_timeout(PATIENCE);
    assert_eq!(blocked, Err(RecvTimeoutError::Timeout));
    println!("waiting in async code: timed out");
    sender.await.unwrap();

    // The same wait on the blocking pool: the runtime keeps going.
    let (tx, rx) = mpsc::channel();
    let waiter = tokio::task::spawn_blocking(move || {
        rx.recv_timeout(PATIENCE * 25)
    });
    tokio::spawn(async move { tx.send("frame").unwrap() });
    let received = waiter.await.unwrap();
    assert_eq!(received, Ok("frame"));
    println!(
        "waiting on the blocking pool: got {}",
        received.unwrap()
    );
}
// --8<-- [end:main]
