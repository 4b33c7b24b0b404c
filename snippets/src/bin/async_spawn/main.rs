// --8<-- [start:main]
use std::thread;
use tokio::runtime::{Builder, Handle};

fn checksum(frame: &[u8]) -> u32 {
    frame.iter().map(|&byte| u32::from(byte)).sum()
}

fn in_runtime() -> bool {
    Handle::try_current().is_ok()
}

fn main() {
    let main_thread = thread::current().id();
    let thread = thread::spawn(|| {
        assert!(!in_runtime(), "a plain thread, outside Tokio");
        checksum(b"Kiruna")
    });

    let runtime = Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let by_task = runtime.block_on(async move {
        let task = tokio::spawn(async move {
            assert!(in_runtime(), "a task runs on the runtime");
            assert_ne!(thread::current().id(), main_thread);
            checksum(b"Kiruna")
        });
        task.await.unwrap()
    });
    let by_thread = thread.join().unwrap();

    assert_eq!(by_thread, by_task);
    println!("checksum by a thread: {by_thread}");
    println!("checksum by a task:   {by_task}");
}
// --8<-- [end:main]
