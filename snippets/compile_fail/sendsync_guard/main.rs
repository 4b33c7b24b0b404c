// compile-fail: E0277
// --8<-- [start:body]
use std::sync::Mutex;
use std::thread;

static COMMANDS: Mutex<Vec<&str>> = Mutex::new(Vec::new());

fn main() {
    let mut queue = COMMANDS.lock().unwrap();
    let handle = thread::spawn(move || {
        queue.push("rotate antenna");
    });
    handle.join().unwrap();
}
// --8<-- [end:body]
