// --8<-- [start:main]
use parking_lot::Mutex;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

fn main() {
    let passes = Arc::new(Mutex::new(vec![101, 102]));

    let writer = Arc::clone(&passes);
    let outcome = thread::spawn(move || {
        let mut list = writer.lock(); // the guard itself: no Result
        list.push(0); // half of a two-step update...
        panic!("antenna driver crashed"); // ...then a panic
    })
    .join();
    assert!(outcome.is_err()); // join reports the panic

    // No poisoning: the next lock succeeds, half-done update and all.
    let list = passes.lock();
    assert_eq!(*list, [101, 102, 0]);
    println!("lock() gave the data: {:?}", *list);

    // A lock attempt with a time limit, which std's Mutex lacks.
    let other = Arc::clone(&passes);
    let limit = Duration::from_millis(50);
    let waited =
        thread::spawn(move || other.try_lock_for(limit).is_none());
    assert!(waited.join().unwrap(), "the lock is held by `list`");
    println!("try_lock_for while held: timed out");
}
// --8<-- [end:main]
