//! Telemetry from every ground station, fanned in to one receiver.

// Until you write them, your functions ignore their arguments and
// leave fields unread.
#![allow(unused_variables, dead_code)]

use std::collections::BTreeMap;
use std::sync::mpsc::Receiver;
use std::thread::JoinHandle;

/// One value a station measured, and where it comes in the station's
/// own sequence (0, 1, 2, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub station: u32,
    pub sequence: u32,
    pub value: i64,
}

/// A ground station and the values it measures; there may be no end
/// to them.
pub struct Station {
    pub id: u32,
    pub values: Box<dyn Iterator<Item = i64> + Send>,
}

/// A running fan-in.
pub struct FanIn {
    /// Every station's readings. Iterating over it ends once every
    /// station has sent its last reading.
    pub readings: Receiver<Reading>,
    /// One per station: each returns how many readings it sent.
    pub stations: Vec<JoinHandle<u32>>,
}

/// Starts one thread per station and returns at once.
///
/// Each thread sends its station's values, as readings numbered from 0,
/// into one channel. It stops when the values run out, or as soon as a
/// send fails because the receiver was dropped: a station outliving
/// its listener is a normal shutdown, not a reason to panic.
pub fn start(stations: Vec<Station>) -> FanIn {
    todo!()
}

/// Receives until every sender is gone, blocking meanwhile; for each
/// station (by id), how many readings came and the sum of their values.
pub fn summarise(
    readings: Receiver<Reading>,
) -> BTreeMap<u32, (u32, i64)> {
    todo!()
}
