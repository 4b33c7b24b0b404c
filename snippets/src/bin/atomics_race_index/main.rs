// --8<-- [start:main]
use std::sync::Barrier;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

fn main() {
    // Elevation mask, in degrees, of each of four antennas.
    let masks = [5, 10, 10, 15];

    for bump_first in [false, true] {
        let cursor = AtomicUsize::new(0); // which antenna to read
        let meet = Barrier::new(2); // forces one interleaving

        let outcome = thread::scope(|s| {
            s.spawn(|| {
                // Another thread moves the cursor on by ten.
                if !bump_first {
                    meet.wait();
                }
                cursor.fetch_add(10, Ordering::SeqCst);
                if bump_first {
                    meet.wait();
                }
            });
            let reader = s.spawn(|| {
                if bump_first {
                    meet.wait();
                }
                let i = cursor.load(Ordering::SeqCst);
                let mask = masks[i]; // checked against the length
                if !bump_first {
                    meet.wait();
                }
                mask
            });
            reader.join()
        });

        let order = if bump_first {
            "bump, then read"
        } else {
            "read, then bump"
        };
        match outcome {
            Ok(mask) => println!("{order}: mask {mask} degrees"),
            Err(_) => {
                let i = cursor.load(Ordering::SeqCst);
                println!(
                    "{order}: index {i} refused, reader panicked"
                );
            }
        }
    }
}
// --8<-- [end:main]
