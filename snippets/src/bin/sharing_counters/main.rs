// --8<-- [start:main]
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    // Per-satellite pass counters, shared and mutable.
    let counters = Arc::new(Mutex::new(BTreeMap::new()));

    let handles: Vec<_> = ["SAT-07", "SAT-12", "SAT-07"]
        .into_iter()
        .map(|sat| {
            let counters = Arc::clone(&counters);
            thread::spawn(move || {
                let mut map = counters.lock().unwrap();
                *map.entry(sat).or_insert(0) += 1;
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    for (sat, passes) in counters.lock().unwrap().iter() {
        println!("{sat}: {passes}");
    }
}
// --8<-- [end:main]
