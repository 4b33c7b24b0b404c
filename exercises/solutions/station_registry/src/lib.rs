//! The ground-station registry, answering lookups from many threads.
//!
//! `Rc` became `Arc`, `Cell<u64>` an `AtomicU64` and `RefCell` a
//! `Mutex`: each replacement is the thread-safe version of the same
//! idea, and with all three the compiler finds `Registry` both `Send`
//! and `Sync`.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, ThreadId};

/// What the uplink needs to know about one ground station.
#[derive(Clone, Debug, PartialEq)]
pub struct Station {
    pub name: String,
    pub max_uplink_kbps: u32,
}

/// The stations by name, with a count of the lookups made and the
/// threads that made them.
pub struct Registry {
    stations: Arc<HashMap<String, Station>>,
    lookups: AtomicU64,
    lookup_threads: Mutex<HashSet<ThreadId>>,
}

impl Registry {
    pub fn new(stations: Vec<Station>) -> Registry {
        let by_name = stations
            .into_iter()
            .map(|station| (station.name.clone(), station))
            .collect();
        Registry {
            stations: Arc::new(by_name),
            lookups: AtomicU64::new(0),
            lookup_threads: Mutex::new(HashSet::new()),
        }
    }

    /// The station called `name`, counting the lookup and noting the
    /// thread that made it.
    pub fn lookup(&self, name: &str) -> Option<Station> {
        self.lookups.fetch_add(1, Ordering::Relaxed);
        self.lookup_threads
            .lock()
            .unwrap()
            .insert(thread::current().id());
        self.stations.get(name).cloned()
    }

    /// How many lookups were made, on every thread.
    pub fn lookups(&self) -> u64 {
        self.lookups.load(Ordering::Relaxed)
    }

    /// The threads that made lookups.
    pub fn lookup_threads(&self) -> HashSet<ThreadId> {
        self.lookup_threads.lock().unwrap().clone()
    }
}

/// Each station's uplink rate, or `None` for a name the registry does
/// not know, in the order of `names`.
///
/// Every name is looked up on a thread of its own, all at once (not on
/// the calling thread), and every thread has finished when this returns.
pub fn answer_all(
    registry: &Registry,
    names: &[&str],
) -> Vec<Option<u32>> {
    thread::scope(|scope| {
        let handles: Vec<_> = names
            .iter()
            .map(|name| {
                scope.spawn(move || {
                    registry
                        .lookup(name)
                        .map(|station| station.max_uplink_kbps)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap())
            .collect()
    })
}
