// --8<-- [start:main]
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

#[tokio::main]
async fn main() {
    let passes = Arc::new(Mutex::new(0));
    let mut tasks = Vec::new();
    for _ in 0..2 {
        let shared = Arc::clone(&passes);
        tasks.push(tokio::spawn(async move {
            let mut count = shared.lock().await;
            *count += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
            assert_eq!(*count % 2, 1, "no task got in between");
            *count += 1;
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let passes = *passes.lock().await;
    assert_eq!(passes, 4);
    println!("passes: {passes}");
}
// --8<-- [end:main]
