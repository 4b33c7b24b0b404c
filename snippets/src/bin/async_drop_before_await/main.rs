// --8<-- [start:main]
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::main]
async fn main() {
    let passes = Arc::new(Mutex::new(0));
    let shared = Arc::clone(&passes);
    let task = tokio::spawn(async move {
        {
            let mut count = shared.lock().unwrap();
            *count += 1;
        } // the guard is dropped before the await
        assert!(shared.try_lock().is_ok(), "nothing holds the lock");
        tokio::time::sleep(Duration::from_millis(10)).await;
        *shared.lock().unwrap() += 1;
    });
    task.await.unwrap();
    let passes = *passes.lock().unwrap();
    assert_eq!(passes, 2);
    println!("passes: {passes}");
}
// --8<-- [end:main]
