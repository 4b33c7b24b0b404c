// --8<-- [start:main]
use crossbeam::utils::CachePadded;
use std::mem::{align_of, size_of};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;

fn main() {
    let counters = [
        CachePadded::new(AtomicU64::new(0)),
        CachePadded::new(AtomicU64::new(0)),
    ];
    thread::scope(|s| {
        for counter in &counters {
            s.spawn(move || {
                for _ in 0..1000 {
                    counter.fetch_add(1, Relaxed); // derefs to the atomic
                }
            });
        }
    });

    let size = size_of::<CachePadded<AtomicU64>>();
    let align = align_of::<CachePadded<AtomicU64>>();
    let gap = &counters[1] as *const _ as usize
        - &counters[0] as *const _ as usize;
    assert_eq!((size, align, gap), (128, 128, 128)); // on x86-64
    assert!(counters.iter().all(|c| c.load(Relaxed) == 1000));
    println!(
        "CachePadded<AtomicU64>: {size} bytes, aligned to {align}"
    );
    println!("counters {gap} bytes apart, 1000 increments each");
}
// --8<-- [end:main]
