use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::thread;

// --8<-- [start:main]
/// One mutex and the one condvar that waits on it, together.
struct CommandQueue {
    commands: Mutex<VecDeque<&'static str>>,
    queued: Condvar,
}

impl CommandQueue {
    fn push(&self, command: &'static str) {
        self.commands.lock().unwrap().push_back(command);
        self.queued.notify_one();
    }

    fn pop(&self) -> &'static str {
        let commands = self.commands.lock().unwrap();
        let mut commands = self
            .queued
            .wait_while(commands, |c| c.is_empty())
            .unwrap();
        commands.pop_front().expect("not empty")
    }
}

fn main() {
    let queue = CommandQueue {
        commands: Mutex::new(VecDeque::new()),
        queued: Condvar::new(),
    };
    let done = thread::scope(|s| {
        let worker = s.spawn(|| [queue.pop(), queue.pop()]);
        queue.push("point");
        queue.push("uplink");
        worker.join().unwrap()
    });
    assert!(queue.commands.lock().unwrap().is_empty());
    println!("handled {}", done.join(", "));
}
// --8<-- [end:main]
