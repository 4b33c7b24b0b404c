// --8<-- [start:ops]
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::SeqCst;

fn main() {
    let frames = AtomicUsize::new(0);

    frames.store(40, SeqCst);
    let before = frames.fetch_add(2, SeqCst);
    let now = frames.load(SeqCst);
    println!("fetch_add returned {before}, value now {now}");

    // Replace 42 by 0, but only if it is still 42.
    let first = frames.compare_exchange(42, 0, SeqCst, SeqCst);
    // The same request again: the value is 0 by now.
    let second = frames.compare_exchange(42, 0, SeqCst, SeqCst);
    println!("first: {first:?}, second: {second:?}");
}
// --8<-- [end:ops]
