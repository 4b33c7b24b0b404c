#[path = "../../support/deadline.rs"]
mod deadline;

use std::collections::HashSet;
use std::slice;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use command_dispatcher::{Command, CommandQueue};
use deadline::{LIMIT, Running, start, within};

const WOKEN_BY_PUSH: &str =
    "a dispatcher waiting for a push (does push wake one?)";
const WOKEN_BY_CLOSE: &str =
    "a dispatcher waiting for close (does close wake them all?)";

fn command(n: u32) -> Command {
    Command {
        satellite: n % 7,
        opcode: n as u16,
    }
}

/// The queue's looks so far, after checking that an empty queue gives
/// nothing at once. Called before any thread is started, so that a
/// test of an unwritten `next` fails on one thread only.
fn looks_when_empty(queue: &CommandQueue) -> u64 {
    assert_eq!(queue.next(Duration::ZERO), None, "an empty queue");
    queue.looks()
}

/// Blocks until each of `dispatchers` has looked at the queue once
/// more than `looks` (and found it empty) or has finished; panics
/// after `LIMIT`.
fn until_waiting<T>(
    queue: &CommandQueue,
    looks: u64,
    dispatchers: &[Running<T>],
) {
    let deadline = Instant::now() + LIMIT;
    let waiting = looks + dispatchers.len() as u64;
    while queue.looks() < waiting
        && !dispatchers.iter().any(Running::is_finished)
    {
        assert!(
            Instant::now() < deadline,
            "no dispatcher is waiting"
        );
        thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn commands_come_out_in_order() {
    let taken = within("taking three queued commands", || {
        let queue = CommandQueue::new();
        (1..=3).for_each(|n| queue.push(command(n)));
        [(); 3].map(|()| queue.next(Duration::ZERO))
    });
    assert_eq!(taken, [1, 2, 3].map(|n| Some(command(n))));
}

#[test]
fn a_waiting_dispatcher_sleeps_until_a_push() {
    let queue = Arc::new(CommandQueue::new());
    let looks = looks_when_empty(&queue);
    let dispatcher = start({
        let queue = Arc::clone(&queue);
        move || queue.next(2 * LIMIT)
    });
    until_waiting(&queue, looks, slice::from_ref(&dispatcher));
    // Long enough for a polling dispatcher to look many times.
    thread::sleep(Duration::from_millis(200));
    queue.push(command(9));
    let taken = dispatcher.wait(WOKEN_BY_PUSH);
    assert_eq!(taken, Some(command(9)));
    let looks = queue.looks() - looks;
    assert!(
        looks <= 3,
        "the dispatcher looked at the queue {looks} times to take one \
         command: it polls instead of sleeping until it is woken"
    );
}

#[test]
fn an_empty_queue_times_out() {
    let (taken, waited, looks) =
        within("a dispatcher with a timeout", || {
            let queue = CommandQueue::new();
            let started = Instant::now();
            let taken = queue.next(Duration::from_millis(300));
            (taken, started.elapsed(), queue.looks())
        });
    assert_eq!(taken, None);
    assert!(
        waited >= Duration::from_millis(300),
        "gave up after {waited:?}, before its 300 ms timeout"
    );
    assert!(looks <= 3, "{looks} looks at an empty queue: it polls");
}

#[test]
fn closing_wakes_every_dispatcher() {
    let queue = Arc::new(CommandQueue::new());
    let looks = looks_when_empty(&queue);
    let dispatchers: Vec<_> = (0..4)
        .map(|_| {
            let queue = Arc::clone(&queue);
            start(move || queue.next(2 * LIMIT))
        })
        .collect();
    until_waiting(&queue, looks, &dispatchers);
    queue.close();
    for dispatcher in dispatchers {
        let taken = dispatcher.wait(WOKEN_BY_CLOSE);
        assert_eq!(taken, None);
    }
}

#[test]
fn a_closed_queue_hands_out_what_is_left() {
    let taken = within("draining a closed queue", || {
        let queue = CommandQueue::new();
        queue.push(command(1));
        queue.push(command(2));
        queue.close();
        [(); 3].map(|()| queue.next(2 * LIMIT))
    });
    assert_eq!(taken, [Some(command(1)), Some(command(2)), None]);
}

#[test]
fn every_command_is_dispatched_once() {
    let queue = Arc::new(CommandQueue::new());
    looks_when_empty(&queue);
    let dispatchers: Vec<_> = (0..4)
        .map(|_| {
            let queue = Arc::clone(&queue);
            start(move || {
                let mut taken = Vec::new();
                while let Some(command) = queue.next(2 * LIMIT) {
                    taken.push(command);
                }
                taken
            })
        })
        .collect();
    let producers: Vec<_> = (0..4)
        .map(|producer| {
            let queue = Arc::clone(&queue);
            start(move || {
                for n in 0..500 {
                    queue.push(command(producer * 1000 + n));
                }
            })
        })
        .collect();
    for producer in producers {
        producer.wait("a producer pushing 500 commands");
    }
    queue.close();
    let mut taken = Vec::new();
    for dispatcher in dispatchers {
        taken.extend(dispatcher.wait(WOKEN_BY_CLOSE));
    }
    let distinct: HashSet<_> = taken.iter().collect();
    assert_eq!(taken.len(), 2000, "commands dispatched");
    assert_eq!(distinct.len(), 2000, "distinct commands dispatched");
}
