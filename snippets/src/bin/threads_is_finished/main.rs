use std::sync::mpsc;
use std::thread;
use std::time::Duration;

fn main() {
    // --8<-- [start:poll]
    let (go, wait_for_go) = mpsc::channel::<()>();
    let upload = thread::spawn(move || {
        // The upload cannot finish before main says "go".
        wait_for_go.recv().unwrap();
        "firmware uploaded"
    });

    assert!(!upload.is_finished(), "the upload waits for go");
    println!("before go: still running");
    go.send(()).unwrap();

    // Poll without blocking: main could do other work here.
    while !upload.is_finished() {
        thread::sleep(Duration::from_millis(1));
    }
    assert!(upload.is_finished());
    println!("after go: finished");
    println!("{}", upload.join().unwrap());
    // --8<-- [end:poll]
}
