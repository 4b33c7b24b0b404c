use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;

const ROUNDS: usize = 20_000;

/// Waits, spinning, until both threads have called it for
/// `round`: it lines the two threads up before each round.
fn line_up(arrived: &AtomicUsize, round: usize) {
    arrived.fetch_add(1, Ordering::SeqCst);
    let mut spins = 0u32;
    while arrived.load(Ordering::SeqCst) < 2 * (round + 1) {
        spins += 1;
        if spins.is_multiple_of(64) {
            thread::yield_now(); // the other may need this core
        } else {
            std::hint::spin_loop();
        }
    }
}

// --8<-- [start:litmus]
/// Two stations want the same satellite pass. Each raises its
/// own flag, then goes ahead only if the other's flag is down.
/// Returns in how many rounds *both* went ahead.
fn both_went_ahead(store: Ordering, load: Ordering) -> usize {
    let new_flags = || -> Vec<AtomicBool> {
        (0..ROUNDS).map(|_| AtomicBool::new(false)).collect()
    };
    let (kiruna_wants, svalbard_wants) = (new_flags(), new_flags());
    let arrived = AtomicUsize::new(0);
    let station = |mine: &[AtomicBool], theirs: &[AtomicBool]| {
        (0..ROUNDS)
            .map(|round| {
                line_up(&arrived, round);
                mine[round].store(true, store);
                !theirs[round].load(load) // true: I go ahead
            })
            .collect::<Vec<bool>>()
    };
    let (kiruna, svalbard) = thread::scope(|s| {
        let k = s.spawn(|| station(&kiruna_wants, &svalbard_wants));
        let v = s.spawn(|| station(&svalbard_wants, &kiruna_wants));
        (k.join().unwrap(), v.join().unwrap())
    });
    kiruna
        .iter()
        .zip(&svalbard)
        .filter(|&(k, v)| *k && *v)
        .count()
}

fn main() {
    use Ordering::{Acquire, Release, SeqCst};
    let weak = both_went_ahead(Release, Acquire);
    let strong = both_went_ahead(SeqCst, SeqCst);
    // SeqCst: one order of all four operations, so whichever
    // store comes first is seen by the other thread's load.
    assert_eq!(strong, 0);
    println!(
        "Release/Acquire: both went ahead in {weak} of {ROUNDS}"
    );
    println!("SeqCst: both went ahead in {strong} of {ROUNDS}");
}
// --8<-- [end:litmus]
