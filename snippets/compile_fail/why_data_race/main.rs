// compile-fail: E0499
// --8<-- [start:body]
use std::thread;

fn main() {
    let mut uplinks_opened = 0;
    thread::scope(|s| {
        s.spawn(|| uplinks_opened += 1);
        s.spawn(|| uplinks_opened += 1);
    });
    println!("uplinks opened: {uplinks_opened}");
}
// --8<-- [end:body]
