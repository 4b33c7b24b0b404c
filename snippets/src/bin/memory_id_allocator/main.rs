use std::sync::atomic::{AtomicU8, Ordering::Relaxed};
use std::thread;

// --8<-- [start:allocate]
/// Hands out each id once, and `None` once they are used up.
fn allocate(next: &AtomicU8) -> Option<u8> {
    // checked_add gives None at the top, so try_update writes
    // nothing: the counter stays there and never wraps to 0.
    next.try_update(Relaxed, Relaxed, |n| n.checked_add(1)).ok()
}
// --8<-- [end:allocate]

fn main() {
    // --8<-- [start:main]
    // A u8 runs out after a few ids; real code would use a u64.
    let next = AtomicU8::new(250);
    let mut ids: Vec<u8> = thread::scope(|s| {
        let askers: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    (0..5)
                        .filter_map(|_| allocate(&next))
                        .collect::<Vec<u8>>()
                })
            })
            .collect();
        askers.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    ids.sort_unstable();
    assert_eq!(ids, [250, 251, 252, 253, 254]);
    println!("20 requests, ids handed out: {ids:?}");
    println!("counter stays at {}", next.load(Relaxed));

    // fetch_add instead: it wraps, and id 0 is handed out again.
    let wrapping = AtomicU8::new(254);
    let got: Vec<u8> =
        (0..3).map(|_| wrapping.fetch_add(1, Relaxed)).collect();
    assert_eq!(got, [254, 255, 0]);
    println!("fetch_add from 254 instead: {got:?}");
    // --8<-- [end:main]
}
