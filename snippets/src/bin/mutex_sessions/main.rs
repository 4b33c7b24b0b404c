// --8<-- [start:main]
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread;

type SatelliteId = u32;

/// Open uplink sessions per satellite. Cloning it clones the Arc.
#[derive(Clone, Default)]
struct Sessions {
    open: Arc<Mutex<HashMap<SatelliteId, u32>>>,
}

impl Sessions {
    fn connect(&self, sat: SatelliteId) {
        let mut open = self.open.lock().unwrap();
        *open.entry(sat).or_default() += 1;
    }

    fn disconnect(&self, sat: SatelliteId) {
        let mut open = self.open.lock().unwrap();
        let count = open.entry(sat).or_default();
        // A stray disconnect (say, after a restart) stays at 0
        // instead of underflowing and panicking.
        *count = count.saturating_sub(1);
    }

    fn count(&self, sat: SatelliteId) -> u32 {
        let open = self.open.lock().unwrap();
        open.get(&sat).copied().unwrap_or(0)
    }
}

fn main() {
    let sessions = Sessions::default();

    let links: Vec<_> = (0..6)
        .map(|link| {
            let sessions = sessions.clone();
            thread::spawn(move || sessions.connect(link % 3))
        })
        .collect();
    for link in links {
        link.join().unwrap();
    }
    println!("SAT-1 after connects: {}", sessions.count(1));

    for _ in 0..3 {
        sessions.disconnect(1); // one disconnect too many
    }
    println!("SAT-1 after disconnects: {}", sessions.count(1));
}
// --8<-- [end:main]
