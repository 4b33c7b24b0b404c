// --8<-- [start:main]
use std::thread;
use tokio::sync::mpsc;

#[tokio::main]
async fn main() {
    // Bounded: a send waits while two reports are queued.
    let (tx, mut rx) = mpsc::channel(2);

    let from_thread = tx.clone();
    let thread = thread::spawn(move || {
        from_thread.blocking_send("Kiruna: link up").unwrap();
    });
    let task = tokio::spawn(async move {
        tx.send("Santiago: link up").await.unwrap();
    });

    let mut reports = Vec::new();
    while let Some(report) = rx.recv().await {
        reports.push(report);
    }
    thread.join().unwrap(); // done: its sender is gone
    task.await.unwrap();

    reports.sort();
    assert_eq!(reports.len(), 2);
    for report in &reports {
        println!("{report}");
    }
    println!("{} reports, channel closed", reports.len());
}
// --8<-- [end:main]
