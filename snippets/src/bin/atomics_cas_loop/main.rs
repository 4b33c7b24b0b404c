use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::thread;

fn main() {
    // --8<-- [start:main]
    let frames = AtomicUsize::new(0);
    let windows_left = AtomicU32::new(3); // uplink windows today

    // Take one window if any is left; true if we got it.
    let book = || {
        let mut seen = windows_left.load(Ordering::SeqCst);
        while seen > 0 {
            match windows_left.compare_exchange_weak(
                seen,
                seen - 1,
                Ordering::SeqCst,
                Ordering::SeqCst,
            ) {
                Ok(_) => return true,
                // Someone else changed it first (or the weak
                // form failed spuriously): retry with `actual`.
                Err(actual) => seen = actual,
            }
        }
        false
    };

    let booked = thread::scope(|s| {
        let stations: Vec<_> = (0..5)
            .map(|_| {
                s.spawn(|| {
                    for _ in 0..1_000 {
                        frames.fetch_add(1, Ordering::SeqCst);
                    }
                    book()
                })
            })
            .collect();
        stations
            .into_iter()
            .map(|h| h.join().unwrap())
            .filter(|&got_one| got_one)
            .count()
    });

    println!("frames: {}", frames.load(Ordering::SeqCst));
    println!("booked: {booked}, refused: {}", 5 - booked);
    println!("left: {}", windows_left.load(Ordering::SeqCst));
    // --8<-- [end:main]

    // The packaged loop the page names: nothing is left, so Err(0).
    let none_left = windows_left.try_update(
        Ordering::SeqCst,
        Ordering::SeqCst,
        |n| n.checked_sub(1),
    );
    assert_eq!(none_left, Err(0));
}
