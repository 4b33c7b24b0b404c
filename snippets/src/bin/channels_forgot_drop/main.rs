use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

fn main() {
    // --8<-- [start:main]
    let (tx, rx) = mpsc::channel();
    let workers: Vec<_> = (1..=3)
        .map(|pass| {
            let tx = tx.clone();
            thread::spawn(move || tx.send(pass * 10).unwrap())
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    // Oops: no `drop(tx)`. A `for n in rx` loop would never end.

    let wait = Duration::from_millis(200);
    let mut total = 0;
    loop {
        match rx.recv_timeout(wait) {
            Ok(n) => total += n,
            Err(RecvTimeoutError::Timeout) => {
                println!("total {total}, then a timeout:");
                println!("  a sender is still alive (ours)");
                break;
            }
            Err(RecvTimeoutError::Disconnected) => unreachable!(),
        }
    }

    drop(tx);
    println!("after drop(tx): {:?}", rx.recv_timeout(wait));
    // --8<-- [end:main]
}
