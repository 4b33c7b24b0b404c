//! The uplink's command queue, between the connections that queue
//! commands and the dispatchers that send them.
//!
//! A dispatcher waits on a `Condvar`: `wait_timeout` releases the lock
//! and sleeps in one step, so a `push` between the look and the sleep
//! cannot be missed, and every wake-up looks again (it may be
//! spurious, or another dispatcher may have taken the command).

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// A command for one satellite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Command {
    pub satellite: u32,
    pub opcode: u16,
}

/// What the queue's lock protects. `take` is the only way to read the
/// commands, and it counts every look at the queue: the tests use the
/// count to tell waiting from polling.
#[derive(Default)]
pub struct Pending {
    commands: VecDeque<Command>,
    closed: bool,
    looks: u64,
}

impl Pending {
    /// The oldest command, if any, counting one look at the queue.
    pub fn take(&mut self) -> Option<Command> {
        self.looks += 1;
        self.commands.pop_front()
    }

    pub fn add(&mut self, command: Command) {
        self.commands.push_back(command);
    }

    pub fn close(&mut self) {
        self.closed = true;
    }

    pub fn is_closed(&self) -> bool {
        self.closed
    }
}

/// The queue, and the condition variable its dispatchers wait on.
#[derive(Default)]
pub struct CommandQueue {
    pending: Mutex<Pending>,
    changed: Condvar,
}

impl CommandQueue {
    pub fn new() -> CommandQueue {
        CommandQueue::default()
    }

    /// Queues `command` and wakes a waiting dispatcher.
    pub fn push(&self, command: Command) {
        self.pending.lock().unwrap().add(command);
        self.changed.notify_one();
    }

    /// Closes the queue and wakes every waiting dispatcher. Commands
    /// queued before still come out of `next`.
    pub fn close(&self) {
        self.pending.lock().unwrap().close();
        self.changed.notify_all();
    }

    /// The oldest command. Blocks until one is queued, and at most
    /// `timeout`; `None` once the time is up, or at once when the
    /// queue is closed and empty.
    pub fn next(&self, timeout: Duration) -> Option<Command> {
        let deadline = Instant::now() + timeout;
        let mut pending = self.pending.lock().unwrap();
        loop {
            if let Some(command) = pending.take() {
                return Some(command);
            }
            let left =
                deadline.saturating_duration_since(Instant::now());
            if pending.is_closed() || left.is_zero() {
                return None;
            }
            pending =
                self.changed.wait_timeout(pending, left).unwrap().0;
        }
    }

    /// How many times the queue was looked at (`Pending::take`).
    pub fn looks(&self) -> u64 {
        self.pending.lock().unwrap().looks
    }
}
