//! Ground stations in a ring, each pair of neighbours sharing the
//! antenna between them: the dining philosophers, on the ground.
//!
//! Station `i` needs antennas `i` and `(i + 1) % n` for every pass.
//! If every station takes one antenna and then waits for the other,
//! all of them can end up waiting for ever. Here every station locks
//! the lower-numbered antenna first: the last station, whose pair
//! wraps around to 0, takes antenna 0 first like station 0 does, so
//! no cycle of waiting can form.

use std::sync::{Mutex, MutexGuard};
use std::thread;

/// One antenna and the passes it has served.
#[derive(Debug, Default)]
pub struct Antenna {
    pub passes: u32,
}

/// The antennas at positions `n` of the ring.
pub fn antennas(n: usize) -> Vec<Mutex<Antenna>> {
    (0..n).map(|_| Mutex::new(Antenna::default())).collect()
}

/// Locks antennas `a` and `b` and returns their guards, `a`'s first.
///
/// Blocks until both are free, but never waits for an antenna while
/// holding one with a higher number: that is how a cycle of waiting
/// stations forms. Panics if `a == b`: a pass needs two antennas.
pub fn lock_pair(
    antennas: &[Mutex<Antenna>],
    a: usize,
    b: usize,
) -> (MutexGuard<'_, Antenna>, MutexGuard<'_, Antenna>) {
    assert_ne!(a, b, "a pass needs two different antennas");
    let (low, high) = (a.min(b), a.max(b));
    let first = antennas[low].lock().unwrap();
    let second = antennas[high].lock().unwrap();
    if a < b {
        (first, second)
    } else {
        (second, first)
    }
}

/// Runs every station of the ring at once, each on its own thread:
/// station `i` makes `passes` passes, each with antennas `i` and
/// `(i + 1) % n` locked (through `lock_pair`), counting the pass on
/// both. Returns when every station is done.
pub fn run_ring(antennas: &[Mutex<Antenna>], passes: u32) {
    let n = antennas.len();
    thread::scope(|scope| {
        for station in 0..n {
            scope.spawn(move || {
                for _ in 0..passes {
                    let (mut left, mut right) = lock_pair(
                        antennas,
                        station,
                        (station + 1) % n,
                    );
                    left.passes += 1;
                    right.passes += 1;
                }
            });
        }
    });
}
