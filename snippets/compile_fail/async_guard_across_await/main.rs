// compile-fail: "future cannot be sent between threads safely"
// --8<-- [start:body]
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::main]
async fn main() {
    let passes = Arc::new(Mutex::new(0));
    let shared = Arc::clone(&passes);
    let task = tokio::spawn(async move {
        let mut count = shared.lock().unwrap();
        *count += 1;
        tokio::time::sleep(Duration::from_millis(10)).await;
        *count += 1;
    });
    task.await.unwrap();
    println!("passes: {}", passes.lock().unwrap());
}
// --8<-- [end:body]
