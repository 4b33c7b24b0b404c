//! Channel throughput: one producer thread sends the numbers `0..n`, one
//! consumer thread receives and adds them up until the channel closes.

use std::sync::Barrier;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use crate::harness::{Case, Config, span};

const MESSAGES: u64 = 2_000_000;
const MESSAGES_BOUNDED: u64 = 4_000_000;
const MESSAGES_RENDEZVOUS: u64 = 10_000;
pub const BOUND: usize = 1024;

fn pipe(n: u64, mut send: impl FnMut(u64) + Send, rx: Receiver<u64>) -> Duration {
    let barrier = Barrier::new(2);
    let b = &barrier;
    let timed = thread::scope(|s| {
        let producer = s.spawn(move || {
            b.wait();
            let start = Instant::now();
            for i in 0..n {
                send(i);
            }
            // `send`, and the sender it owns, are dropped here: the
            // consumer's loop ends.
            (start, 0, Instant::now())
        });
        let consumer = s.spawn(move || {
            b.wait();
            let start = Instant::now();
            let sum = rx.iter().sum::<u64>();
            (start, sum, Instant::now())
        });
        [producer, consumer].map(|handle| handle.join().expect("a channel thread panicked"))
    });
    let (elapsed, sums) = span(timed.into());
    assert_eq!(sums[1], n * (n - 1) / 2, "messages lost or duplicated");
    elapsed
}

fn unbounded(n: u64) -> Duration {
    let (tx, rx) = mpsc::channel();
    pipe(n, move |i| tx.send(i).unwrap(), rx)
}

fn bounded(n: u64) -> Duration {
    let (tx, rx) = mpsc::sync_channel(BOUND);
    pipe(n, move |i| tx.send(i).unwrap(), rx)
}

fn rendezvous(n: u64) -> Duration {
    let (tx, rx) = mpsc::sync_channel(0);
    pipe(n, move |i| tx.send(i).unwrap(), rx)
}

type Kind = (&'static str, String, u64, fn(u64) -> Duration);

pub fn run(config: &Config) -> Vec<Case> {
    let kinds: [Kind; 3] = [
        (
            "rust_channel",
            "Rust mpsc::channel()".into(),
            MESSAGES,
            unbounded,
        ),
        (
            "rust_sync_channel",
            format!("Rust mpsc::sync_channel({BOUND})"),
            MESSAGES_BOUNDED,
            bounded,
        ),
        (
            "rust_rendezvous",
            "Rust mpsc::sync_channel(0)".into(),
            MESSAGES_RENDEZVOUS,
            rendezvous,
        ),
    ];
    kinds
        .into_iter()
        .map(|(series, label, messages, run)| {
            let n = config.scaled(messages).max(2);
            Case {
                group: "channels",
                id: series.into(),
                series,
                label,
                threads: 2,
                unit: "ns per message",
                ops: n,
                run: Box::new(move || run(n)),
            }
        })
        .collect()
}
