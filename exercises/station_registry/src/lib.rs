//! The ground-station registry, answering lookups from many threads.
//!
//! As given, the registry works on one thread only: `answer_all` has to
//! spawn threads, and the compiler will refuse to share this `Registry`
//! with them. Its errors say which field is the problem and why; change
//! the fields' types (not the methods' signatures) until it accepts.

// Until you write them, your functions ignore their arguments and
// leave fields unread.
#![allow(unused_variables, dead_code)]

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
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
    stations: Rc<HashMap<String, Station>>,
    lookups: Cell<u64>,
    lookup_threads: RefCell<HashSet<ThreadId>>,
}

impl Registry {
    pub fn new(stations: Vec<Station>) -> Registry {
        let by_name = stations
            .into_iter()
            .map(|station| (station.name.clone(), station))
            .collect();
        Registry {
            stations: Rc::new(by_name),
            lookups: Cell::new(0),
            lookup_threads: RefCell::new(HashSet::new()),
        }
    }

    /// The station called `name`, counting the lookup and noting the
    /// thread that made it.
    pub fn lookup(&self, name: &str) -> Option<Station> {
        self.lookups.set(self.lookups.get() + 1);
        self.lookup_threads
            .borrow_mut()
            .insert(thread::current().id());
        self.stations.get(name).cloned()
    }

    /// How many lookups were made, on every thread.
    pub fn lookups(&self) -> u64 {
        self.lookups.get()
    }

    /// The threads that made lookups.
    pub fn lookup_threads(&self) -> HashSet<ThreadId> {
        self.lookup_threads.borrow().clone()
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
    todo!()
}
