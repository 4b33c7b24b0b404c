use std::cell::Cell;
use std::thread;

// --8<-- [start:main]
thread_local! {
    // Every thread has its own counter, made on first use.
    static FRAMES_SENT: Cell<u32> = const { Cell::new(0) };
}

fn send_frames(frames: u32) -> u32 {
    for _ in 0..frames {
        FRAMES_SENT.set(FRAMES_SENT.get() + 1);
    }
    FRAMES_SENT.get()
}

fn main() {
    let handles: Vec<_> = [3, 5]
        .into_iter()
        .map(|frames| thread::spawn(move || send_frames(frames)))
        .collect();
    let counts: Vec<u32> =
        handles.into_iter().map(|h| h.join().unwrap()).collect();
    // Each thread counted its own frames and nobody else's.
    assert_eq!(counts, [3, 5]);
    println!("the threads counted {counts:?}");
    // Main's counter is a third one, never touched.
    assert_eq!(FRAMES_SENT.get(), 0);
    println!("main counted {}", FRAMES_SENT.get());
}
// --8<-- [end:main]
