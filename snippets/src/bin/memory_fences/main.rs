use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, fence};
use std::thread;

const STATIONS: usize = 4;
const ROUNDS: u64 = 200;

// --8<-- [start:collect]
/// Stations publish readings; one collector waits for all of them.
fn collect(round: u64) -> u64 {
    let readings: Vec<AtomicU64> =
        (0..STATIONS).map(|_| AtomicU64::new(0)).collect();
    let ready: Vec<AtomicBool> =
        (0..STATIONS).map(|_| AtomicBool::new(false)).collect();
    thread::scope(|s| {
        for i in 0..STATIONS {
            let (readings, ready) = (&readings, &ready);
            s.spawn(move || {
                readings[i].store(round * 10 + i as u64, Relaxed);
                fence(Release); // orders the reading before...
                ready[i].store(true, Relaxed); // ...the flag
            });
        }
        // Poll every flag with cheap Relaxed loads...
        while !ready.iter().all(|flag| flag.load(Relaxed)) {
            thread::yield_now();
        }
        // ...then one Acquire fence for all of them.
        fence(Acquire);
        readings.iter().map(|r| r.load(Relaxed)).sum()
    })
}
// --8<-- [end:collect]

// --8<-- [start:last_out]
/// Each station writes its slot and lets go; the last one out
/// adds up (how Arc decides who frees the value).
fn last_out(round: u64) -> Vec<u64> {
    let slots: Vec<AtomicU64> =
        (0..STATIONS).map(|_| AtomicU64::new(0)).collect();
    let holders = AtomicUsize::new(STATIONS);
    thread::scope(|s| {
        let handles: Vec<_> = (0..STATIONS)
            .map(|i| {
                let (slots, holders) = (&slots, &holders);
                s.spawn(move || {
                    slots[i].store(round * 10 + i as u64, Relaxed);
                    if holders.fetch_sub(1, Release) != 1 {
                        return None; // not the last one out
                    }
                    // Only the last one pays for the Acquire.
                    fence(Acquire);
                    Some(slots.iter().map(|n| n.load(Relaxed)).sum())
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().unwrap())
            .collect()
    })
}
// --8<-- [end:last_out]

fn main() {
    for round in 0..ROUNDS {
        let expected = STATIONS as u64 * round * 10 + 6; // + 0+1+2+3
        assert_eq!(
            collect(round),
            expected,
            "collect, round {round}"
        );
        assert_eq!(
            last_out(round),
            [expected],
            "last out, round {round}"
        );
    }
    println!("{ROUNDS} rounds: the collector saw every reading");
    println!("{ROUNDS} rounds: the last one out saw every slot");
}
