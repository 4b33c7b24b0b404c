use std::sync::mpsc::{self, TrySendError};

// --8<-- [start:report]
fn report(result: Result<(), TrySendError<&str>>) -> String {
    match result {
        Ok(()) => "queued".to_string(),
        Err(TrySendError::Full(cmd)) => {
            format!("full, got {cmd} back")
        }
        Err(TrySendError::Disconnected(cmd)) => {
            format!("no receiver, got {cmd} back")
        }
    }
}
// --8<-- [end:report]

fn main() {
    // --8<-- [start:main]
    let (tx, rx) = mpsc::sync_channel(2); // room for two

    println!("{}", report(tx.try_send("slew")));
    println!("{}", report(tx.try_send("burn")));
    println!("{}", report(tx.try_send("downlink")));

    println!("took {}", rx.recv().unwrap()); // makes room
    println!("{}", report(tx.try_send("downlink")));
    // --8<-- [end:main]
}
