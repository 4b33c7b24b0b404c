// --8<-- [start:main]
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

#[tokio::main]
async fn main() {
    let passes = Arc::new(Mutex::new(0));
    let shared = Arc::clone(&passes);
    let task = tokio::spawn(async move {
        let mut count = shared.lock().await;
        *count += 1;
        tokio::time::sleep(Duration::from_millis(10)).await;
        *count += 1;
    });
    task.await.unwrap();
    let passes = *passes.lock().await;
    assert_eq!(passes, 2);
    println!("passes: {passes}");
}
// --8<-- [end:main]
