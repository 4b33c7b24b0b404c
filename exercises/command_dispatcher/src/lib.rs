//! The uplink's command queue, between the connections that queue
//! commands and the dispatchers that send them.
//!
//! The old dispatcher polled: it locked the queue every few
//! milliseconds to look for a command, busy while the queue was empty
//! and late when a command came. Make `next` sleep instead, until a
//! command is queued or the queue is closed (a `Condvar` does it), and
//! make `push` and `close` wake whoever is waiting.

// Until you write them, your functions ignore their arguments and
// leave fields unread.
#![allow(unused_variables, dead_code)]

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

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

/// The queue. Add what waiting needs.
#[derive(Default)]
pub struct CommandQueue {
    pending: Mutex<Pending>,
}

impl CommandQueue {
    pub fn new() -> CommandQueue {
        CommandQueue::default()
    }

    /// Queues `command` and wakes a waiting dispatcher.
    pub fn push(&self, command: Command) {
        todo!()
    }

    /// Closes the queue and wakes every waiting dispatcher. Commands
    /// queued before still come out of `next`.
    pub fn close(&self) {
        todo!()
    }

    /// The oldest command. Blocks until one is queued, and at most
    /// `timeout`; `None` once the time is up, or at once when the
    /// queue is closed and empty.
    ///
    /// The old dispatcher's version, which polls:
    ///
    /// ```text
    /// let deadline = Instant::now() + timeout;
    /// loop {
    ///     let mut pending = self.pending.lock().unwrap();
    ///     if let Some(command) = pending.take() {
    ///         return Some(command);
    ///     }
    ///     if pending.is_closed() || Instant::now() >= deadline {
    ///         return None;
    ///     }
    ///     drop(pending);
    ///     thread::sleep(Duration::from_millis(5));
    /// }
    /// ```
    pub fn next(&self, timeout: Duration) -> Option<Command> {
        todo!()
    }

    /// How many times the queue was looked at (`Pending::take`).
    pub fn looks(&self) -> u64 {
        self.pending.lock().unwrap().looks
    }
}
