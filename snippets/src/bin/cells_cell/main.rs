// --8<-- [start:main]
use std::cell::Cell;

struct Satellite {
    id: &'static str,
    passes: Cell<u32>,
}

// Takes `&Satellite`, a shared reference, and still counts.
fn record_pass(sat: &Satellite) {
    sat.passes.set(sat.passes.get() + 1);
}

fn main() {
    let sat = Satellite {
        id: "SAT-07",
        passes: Cell::new(0),
    };
    let tracker = &sat; // two shared references
    let scheduler = &sat; // to the same satellite
    record_pass(tracker);
    record_pass(scheduler);
    println!("{}: {} passes", sat.id, sat.passes.get());
}
// --8<-- [end:main]
