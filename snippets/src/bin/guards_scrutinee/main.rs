use std::sync::Mutex;

// --8<-- [start:state]
/// "held" if some guard on `m` is alive right now, else "free".
fn state<T>(m: &Mutex<T>) -> &'static str {
    match m.try_lock() {
        Ok(_) => "free",
        Err(_) => "held",
    }
}
// --8<-- [end:state]

fn main() {
    // --8<-- [start:main]
    let queue = Mutex::new(vec!["reboot", "ping"]);

    if let Some(cmd) = queue.lock().unwrap().pop() {
        println!("if let, then-block ({cmd}): {}", state(&queue));
    }

    match queue.lock().unwrap().pop() {
        Some(cmd) => println!("match arm ({cmd}): {}", state(&queue)),
        None => println!("match arm (none): {}", state(&queue)),
    }

    // The queue is empty now, so this takes the else branch.
    if let Some(cmd) = queue.lock().unwrap().pop() {
        println!("if let, then-block ({cmd}): {}", state(&queue));
    } else {
        println!("if let, else branch: {}", state(&queue));
    }

    queue.lock().unwrap().push("stow");
    while let Some(cmd) = queue.lock().unwrap().pop() {
        println!("while let body ({cmd}): {}", state(&queue));
    }

    queue.lock().unwrap().push("safe-mode");
    let next = queue.lock().unwrap().pop(); // guard dropped at `;`
    if let Some(cmd) = next {
        println!("after a separate let ({cmd}): {}", state(&queue));
    }
    // --8<-- [end:main]
}
