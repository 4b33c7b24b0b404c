// compile-fail: E0597
// edition: 2021
// --8<-- [start:body]
use std::sync::Mutex;

fn main() {
    let queued = {
        let commands = Mutex::new(vec!["point", "lock-on"]);
        commands.lock().unwrap().len()
    };
    println!("{queued} commands queued");
}
// --8<-- [end:body]
