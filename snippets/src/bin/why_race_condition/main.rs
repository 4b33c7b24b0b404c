// --8<-- [start:main]
use std::sync::{Barrier, Mutex};
use std::thread;

fn main() {
    let free_slots = Mutex::new(1); // one uplink window left
    let both_checked = Barrier::new(2);

    let try_to_book = || {
        // Check under the lock...
        let free = *free_slots.lock().unwrap();
        // ...(the barrier makes both threads check before
        // either acts, on every run)...
        both_checked.wait();
        // ...then act under the lock again.
        if free > 0 {
            *free_slots.lock().unwrap() -= 1;
        }
        free > 0
    };

    let booked = thread::scope(|s| {
        let svalbard = s.spawn(try_to_book);
        let kiruna = s.spawn(try_to_book);
        [svalbard.join().unwrap(), kiruna.join().unwrap()]
    });

    for (station, ok) in ["Svalbard", "Kiruna"].iter().zip(booked) {
        let outcome = if ok { "booked" } else { "refused" };
        println!("{station}: {outcome}");
    }
    println!("free slots: {}", free_slots.into_inner().unwrap());
}
// --8<-- [end:main]
