use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::thread;

const STATIONS: usize = 4;
const ROUNDS: u64 = 200;

// --8<-- [start:main]
/// Each station stores its frame count in its own slot, then
/// checks in; the last to check in adds up every slot.
fn one_round(round: u64) -> Vec<Option<u64>> {
    let slots: Vec<AtomicU64> =
        (0..STATIONS).map(|_| AtomicU64::new(0)).collect();
    let checked_in = AtomicUsize::new(0);
    thread::scope(|s| {
        let stations: Vec<_> = (0..STATIONS)
            .map(|i| {
                let (slots, checked_in) = (&slots, &checked_in);
                s.spawn(move || {
                    slots[i]
                        .store(round + i as u64, Ordering::Relaxed);
                    // Release: my slot is written before my check-in.
                    // Acquire: if I am last, I see the others' slots.
                    let before =
                        checked_in.fetch_add(1, Ordering::AcqRel);
                    if before + 1 < STATIONS {
                        return None; // someone else will add up
                    }
                    let sum = slots
                        .iter()
                        .map(|n| n.load(Ordering::Relaxed));
                    Some(sum.sum())
                })
            })
            .collect();
        stations.into_iter().map(|h| h.join().unwrap()).collect()
    })
}
// --8<-- [end:main]

fn main() {
    for round in 0..ROUNDS {
        let results = one_round(round);
        let totals: Vec<u64> =
            results.into_iter().flatten().collect();
        // Exactly one station was last, and it saw every slot.
        let expected = STATIONS as u64 * round + 6; // 0+1+2+3 = 6
        assert_eq!(totals, [expected], "round {round}");
    }
    println!("{ROUNDS} rounds: one station was last in each");
    println!("and its sum included every station's slot");
}
