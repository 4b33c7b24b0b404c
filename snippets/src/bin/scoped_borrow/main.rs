// --8<-- [start:main]
use std::thread;

fn main() {
    let station = String::from("Svalbard");
    // Seconds of contact in each pass over the station today.
    let passes: Vec<u32> = vec![412, 388, 405, 397];

    let (total, longest) = thread::scope(|s| {
        // Both closures borrow `passes`: no move, no Arc, no clone.
        let total = s.spawn(|| passes.iter().sum::<u32>());
        let longest = s.spawn(|| passes.iter().max().copied());
        (total.join().unwrap(), longest.join().unwrap())
    });

    // The threads are gone; `station` and `passes` are still ours.
    println!("{station}: {} passes", passes.len());
    println!("total contact: {total} s");
    println!("longest pass: {} s", longest.unwrap());
}
// --8<-- [end:main]
