// --8<-- [start:main]
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Mutex, mpsc};
use std::thread;

fn main() {
    // Every access to these atomics is Relaxed: each edge below
    // comes from a std operation, not from an atomic ordering.
    let window = AtomicU64::new(0);
    let frames = AtomicU64::new(0);
    let last_pass = AtomicU64::new(0);

    // spawn: what the parent did before spawn, the child sees.
    window.store(7, Relaxed);
    thread::scope(|s| {
        s.spawn(|| assert_eq!(window.load(Relaxed), 7));
    });
    println!("spawn: the new thread saw window 7");

    // join: what the threads did, the joiner sees, exactly.
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..1_000 {
                    frames.fetch_add(1, Relaxed);
                }
            });
        }
    }); // the scope joins all four here
    assert_eq!(frames.load(Relaxed), 4_000);
    println!("join: 4000 frames, none lost");

    // send -> recv: what the sender did before sending, the
    // receiver sees after receiving.
    let (tx, rx) = mpsc::channel();
    thread::scope(|s| {
        let last_pass = &last_pass; // `move` takes this and tx
        s.spawn(move || {
            last_pass.store(42, Relaxed);
            tx.send("pass logged").unwrap();
        });
        let note = rx.recv().unwrap();
        assert_eq!(last_pass.load(Relaxed), 42);
        println!("channel: after {note:?}, pass 42 visible");
    });

    // unlock -> lock: what one holder did before unlocking, the
    // next holder sees after locking.
    let handed_over = Mutex::new(false);
    thread::scope(|s| {
        s.spawn(|| {
            last_pass.store(43, Relaxed);
            *handed_over.lock().unwrap() = true;
        });
        s.spawn(|| {
            // Wait (politely) until the first thread has unlocked.
            while !*handed_over.lock().unwrap() {
                thread::yield_now();
            }
            assert_eq!(last_pass.load(Relaxed), 43);
            println!("mutex: the next holder saw pass 43");
        });
    });
}
// --8<-- [end:main]
