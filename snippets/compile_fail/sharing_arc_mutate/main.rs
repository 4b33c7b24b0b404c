// compile-fail: E0594
// --8<-- [start:body]
use std::sync::Arc;

struct PassCounter {
    satellite: &'static str,
    passes: u32,
}

fn main() {
    let counter = Arc::new(PassCounter {
        satellite: "SAT-07",
        passes: 0,
    });
    let mine = Arc::clone(&counter);
    mine.passes += 1;
    println!("{}: {}", counter.satellite, counter.passes);
}
// --8<-- [end:body]
