//! Ground stations in a ring, each pair of neighbours sharing the
//! antenna between them: the dining philosophers, on the ground.
//!
//! Station `i` needs antennas `i` and `(i + 1) % n` for every pass.
//! If every station takes one antenna and then waits for the other,
//! all of them can end up waiting for ever. Your code must make that
//! impossible: one global order of locking, or `try_lock` with a
//! step back.

// Until you write them, your functions ignore their arguments and
// leave fields unread.
#![allow(unused_variables, dead_code)]

use std::sync::{Mutex, MutexGuard};

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
    todo!()
}

/// Runs every station of the ring at once, each on its own thread:
/// station `i` makes `passes` passes, each with antennas `i` and
/// `(i + 1) % n` locked (through `lock_pair`), counting the pass on
/// both. Returns when every station is done.
pub fn run_ring(antennas: &[Mutex<Antenna>], passes: u32) {
    todo!()
}
