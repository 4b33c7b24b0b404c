//! Shared by every grading test: the code under test runs on a thread
//! of its own and the test gives up after a time limit, so a test that
//! would hang (a deadlock, a receive loop that never ends) fails instead.

// Each exercise's tests use a part of this file.
#![allow(dead_code)]

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// How long a grading test waits for the code under test. Far more
/// than a correct solution needs, even on a busy machine.
pub const LIMIT: Duration = Duration::from_secs(10);

/// Runs `work` on a new thread and returns what it returns.
///
/// Blocks until `work` returns, and at most `LIMIT`: then it panics
/// with `what` (what should have happened by then). A panic in `work`
/// fails the caller with the same panic. A thread still blocked when
/// the time is up is left behind; it does not keep the test binary
/// alive, because the process ends when the harness's `main` returns.
pub fn within<T, F>(what: &str, work: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    start(work).wait(what)
}

/// `work`, running on a thread of its own, named after the test so
/// that a panic message names the test too.
pub struct Running<T> {
    result: Receiver<T>,
    worker: JoinHandle<()>,
}

/// Starts `work` on a new thread and returns without waiting for it.
pub fn start<T, F>(work: F) -> Running<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (done, result) = mpsc::channel();
    let name = thread::current().name().unwrap_or("test").to_owned();
    let worker = thread::Builder::new()
        .name(name)
        .spawn(move || {
            // The receiver is gone only if the test gave up already.
            let _ = done.send(work());
        })
        .expect("the system refused to start a thread");
    Running { result, worker }
}

impl<T> Running<T> {
    /// Whether the work has returned or panicked. Never blocks.
    pub fn is_finished(&self) -> bool {
        self.worker.is_finished()
    }

    /// What the work returned. Blocks until it returns, and at most
    /// `LIMIT`, then panics with `what`; a panic in the work fails the
    /// caller with the same panic.
    pub fn wait(self, what: &str) -> T {
        match self.result.recv_timeout(LIMIT) {
            Ok(value) => value,
            Err(RecvTimeoutError::Disconnected) => {
                match self.worker.join() {
                    Err(payload) => panic::resume_unwind(payload),
                    Ok(()) => {
                        unreachable!("the worker sends, then ends")
                    }
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                panic!("{what}: still waiting after {LIMIT:?}")
            }
        }
    }
}

/// The message `work` panicked with, or `None` if it returned.
///
/// A `todo!()` reached in `work` is passed on as it is, so a test of
/// an unwritten function fails with "not yet implemented".
pub fn panic_message(work: impl FnOnce()) -> Option<String> {
    let payload =
        panic::catch_unwind(AssertUnwindSafe(work)).err()?;
    let message = text_of(payload.as_ref());
    if message.starts_with("not yet implemented") {
        panic::resume_unwind(payload);
    }
    Some(message)
}

fn text_of(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        String::from("(a panic without a message)")
    }
}
