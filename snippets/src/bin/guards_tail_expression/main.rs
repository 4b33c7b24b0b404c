use std::sync::Mutex;

// --8<-- [start:witness]
/// When dropped, asserts that nobody holds `0` and says so.
struct Witness<'a>(&'a Mutex<Vec<&'static str>>);

impl Drop for Witness<'_> {
    fn drop(&mut self) {
        assert!(self.0.try_lock().is_ok());
        println!("the block's local dropped: the mutex is free");
    }
}
// --8<-- [end:witness]

fn main() {
    // --8<-- [start:main]
    // The mutex is a local of the block; the guard is a
    // temporary of the block's tail expression.
    let queued = {
        let commands = Mutex::new(vec!["point", "lock-on"]);
        commands.lock().unwrap().len()
    };
    println!("{queued} commands queued");

    let queue = Mutex::new(vec!["point", "lock-on", "uplink"]);
    let queued = {
        let _witness = Witness(&queue);
        queue.lock().unwrap().len() // guard dropped first
    };
    assert_eq!(queued, 3);
    println!("{queued} commands queued");
    // --8<-- [end:main]
}
