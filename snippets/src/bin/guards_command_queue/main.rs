// --8<-- [start:main]
use std::collections::VecDeque;
use std::sync::Mutex;

struct CommandQueue {
    pending: Mutex<VecDeque<String>>,
}

impl CommandQueue {
    fn push(&self, command: &str) {
        self.pending.lock().unwrap().push_back(command.into());
    }

    /// Pop under the lock; the guard dies when this returns.
    fn take(&self) -> Option<String> {
        self.pending.lock().unwrap().pop_front()
    }

    fn lock_state(&self) -> &'static str {
        match self.pending.try_lock() {
            Ok(_) => "free",
            Err(_) => "held",
        }
    }
}

fn execute(queue: &CommandQueue, command: &str) {
    // Slow work (radio I/O, logging) happens here, unlocked.
    let lock = queue.lock_state();
    println!("executing {command}; queue lock: {lock}");
}

fn main() {
    let queue = CommandQueue {
        pending: Mutex::new(VecDeque::new()),
    };
    queue.push("point-antenna");
    queue.push("start-uplink");

    while let Some(command) = queue.take() {
        execute(&queue, &command);
    }
}
// --8<-- [end:main]
