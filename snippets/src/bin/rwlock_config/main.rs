// --8<-- [start:main]
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::thread;

#[derive(Clone)]
struct StationConfig {
    max_rate_kbps: u32,
    active: bool,
}

/// Read on every packet, written in maintenance windows.
#[derive(Clone, Default)]
struct StationRegistry {
    inner: Arc<RwLock<HashMap<String, StationConfig>>>,
}

impl StationRegistry {
    fn lookup(&self, station: &str) -> Option<StationConfig> {
        // A read guard: other lookups run at the same time.
        self.inner.read().unwrap().get(station).cloned()
    }

    fn install(&self, station: &str, config: StationConfig) {
        // A write guard: exclusive, held for one insert.
        let mut map = self.inner.write().unwrap();
        map.insert(station.to_string(), config);
    }

    fn deactivate(&self, station: &str) {
        let mut map = self.inner.write().unwrap();
        if let Some(config) = map.get_mut(station) {
            config.active = false;
        }
    }
}

fn main() {
    let registry = StationRegistry::default();
    let fast = StationConfig {
        max_rate_kbps: 2048,
        active: true,
    };
    registry.install("Kiruna", fast.clone());
    registry.install("Awarua", fast);

    let routers: Vec<_> = ["Kiruna", "Awarua", "Kiruna"]
        .into_iter()
        .map(|station| {
            let registry = registry.clone();
            thread::spawn(move || registry.lookup(station))
        })
        .collect();
    for router in routers {
        let config = router.join().unwrap().unwrap();
        println!("route at {} kbps", config.max_rate_kbps);
    }

    registry.deactivate("Awarua"); // maintenance window
    let awarua = registry.lookup("Awarua").unwrap();
    let state = if awarua.active { "active" } else { "inactive" };
    println!("Awarua is now {state}");
}
// --8<-- [end:main]
