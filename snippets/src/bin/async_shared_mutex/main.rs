// --8<-- [start:main]
use std::sync::{Arc, Mutex};
use std::thread;

const ROUNDS: u32 = 1000;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let contacts = Arc::new(Mutex::new(0));

    let from_thread = Arc::clone(&contacts);
    let thread = thread::spawn(move || {
        for _ in 0..ROUNDS {
            *from_thread.lock().unwrap() += 1;
        }
    });

    let mut tasks = Vec::new();
    for _ in 0..4 {
        let contacts = Arc::clone(&contacts);
        tasks.push(tokio::spawn(async move {
            for _ in 0..ROUNDS {
                *contacts.lock().unwrap() += 1; // guard dropped here
                tokio::task::yield_now().await;
            }
        }));
    }

    thread.join().unwrap();
    for task in tasks {
        task.await.unwrap();
    }
    let total = *contacts.lock().unwrap();
    assert_eq!(total, 5 * ROUNDS);
    println!("contacts: {total}");
}
// --8<-- [end:main]
