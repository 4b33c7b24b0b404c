use std::sync::Mutex;

// --8<-- [start:state]
/// "held" while some guard on `m` is alive, else "free".
fn state<T>(m: &Mutex<T>) -> &'static str {
    if m.try_lock().is_ok() { "free" } else { "held" }
}
// --8<-- [end:state]

// --8<-- [start:helper]
/// Takes the lock, copies what it needs, releases the lock.
fn next_pass(queue: &Mutex<Vec<u32>>) -> Option<u32> {
    queue.lock().unwrap().pop()
} // nothing is held once the function returns
// --8<-- [end:helper]

fn main() {
    // --8<-- [start:main]
    let queue = Mutex::new(vec![301, 302]);

    let pass = {
        let mut guard = queue.lock().unwrap();
        let pass = guard.pop().unwrap();
        println!("in block: {}", state(&queue));
        pass
    }; // guard dropped: the critical section ends here
    println!("after block: {}", state(&queue));
    println!("slow work on pass {pass}, lock free");

    let pass = next_pass(&queue).unwrap();
    println!("after helper: {}", state(&queue));
    println!("slow work on pass {pass}, lock free");
    // --8<-- [end:main]
}
