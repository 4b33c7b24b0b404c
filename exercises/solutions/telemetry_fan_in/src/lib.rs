//! Telemetry from every ground station, fanned in to one receiver.

use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver};
use std::thread::{self, JoinHandle};

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
    let (sender, readings) = mpsc::channel();
    let stations = stations
        .into_iter()
        .map(|station| {
            let sender = sender.clone();
            thread::spawn(move || {
                let mut sent = 0;
                for value in station.values {
                    let reading = Reading {
                        station: station.id,
                        sequence: sent,
                        value,
                    };
                    if sender.send(reading).is_err() {
                        break;
                    }
                    sent += 1;
                }
                sent
            })
        })
        .collect();
    // `sender` itself is dropped as `start` returns: from then on, only
    // the stations' clones keep the channel open.
    FanIn { readings, stations }
}

/// Receives until every sender is gone, blocking meanwhile; for each
/// station (by id), how many readings came and the sum of their values.
pub fn summarise(
    readings: Receiver<Reading>,
) -> BTreeMap<u32, (u32, i64)> {
    let mut summary = BTreeMap::new();
    for reading in readings {
        let (count, sum) =
            summary.entry(reading.station).or_insert((0, 0));
        *count += 1;
        *sum += reading.value;
    }
    summary
}
