// --8<-- [start:workers]
use std::num::NonZeroUsize;
use std::thread;

const PASSES: usize = 24;

fn main() {
    // A hint that differs from one machine to the next; it can
    // also fail, so fall back to a single worker.
    let workers = thread::available_parallelism()
        .map(NonZeroUsize::get)
        .unwrap_or(1);

    // Worker w plans passes w, w + workers, w + 2 * workers, ...
    let handles: Vec<_> = (0..workers)
        .map(|w| {
            thread::spawn(move || {
                (w..PASSES).step_by(workers).collect::<Vec<_>>()
            })
        })
        .collect();

    let mut planned: Vec<usize> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    planned.sort_unstable();
    // Whatever `workers` is, every pass is planned exactly once.
    assert_eq!(planned, (0..PASSES).collect::<Vec<_>>());
    println!("{} passes, each planned once", planned.len());
}
// --8<-- [end:workers]
