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

    println!("finished before go: {}", upload.is_finished());
    go.send(()).unwrap();

    // Poll without blocking: main could do other work here.
    while !upload.is_finished() {
        thread::sleep(Duration::from_millis(1));
    }
    println!("finished after go: {}", upload.is_finished());
    println!("{}", upload.join().unwrap());
    // --8<-- [end:poll]
}
