// --8<-- [start:main]
use std::thread;
use tokio::runtime::Handle;

fn checksum(frame: &[u8]) -> u32 {
    frame.iter().map(|&byte| u32::from(byte)).sum()
}

fn in_runtime() -> bool {
    Handle::try_current().is_ok()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let main_thread = thread::current().id();

    let thread =
        thread::spawn(|| (checksum(b"Kiruna"), in_runtime()));
    let task = tokio::spawn(async {
        let on = thread::current().id();
        (checksum(b"Kiruna"), in_runtime(), on)
    });

    let (by_thread, thread_in_runtime) = thread.join().unwrap();
    let (by_task, task_in_runtime, task_thread) = task.await.unwrap();

    assert_eq!(by_thread, by_task);
    assert!(!thread_in_runtime && task_in_runtime);
    assert_ne!(task_thread, main_thread, "a worker ran the task");
    println!(
        "thread::spawn: {by_thread}, in the runtime: {thread_in_runtime}"
    );
    println!(
        "tokio::spawn:  {by_task}, in the runtime: {task_in_runtime}"
    );
}
// --8<-- [end:main]
