// --8<-- [start:main]
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::thread;
use std::time::Duration;

struct UplinkConfig {
    version: u32,
    max_rate_kbps: u32,
}

/// A cheap copy of the current configuration's handle.
fn snapshot(live: &RwLock<Arc<UplinkConfig>>) -> Arc<UplinkConfig> {
    Arc::clone(&live.read().unwrap()) // read guard held briefly
}

fn describe(link: &str, config: &UplinkConfig) -> String {
    let (v, rate) = (config.version, config.max_rate_kbps);
    format!("{link}: v{v}, {rate} kbps")
}

fn main() {
    let first = UplinkConfig {
        version: 1,
        max_rate_kbps: 2_048,
    };
    let live = Arc::new(RwLock::new(Arc::new(first)));

    // A long uplink takes its snapshot when it starts...
    let (go_on, wait) = mpsc::channel::<()>();
    let config = snapshot(&live);
    let long_link = thread::spawn(move || {
        // ...and is still sending when the reload happens.
        wait.recv_timeout(Duration::from_secs(5)).unwrap();
        describe("long link", &config)
    });

    // Reload: swap in a whole new configuration.
    let second = Arc::new(UplinkConfig {
        version: 2,
        max_rate_kbps: 4_096,
    });
    // Built first: the write lock covers only the swap.
    let old = std::mem::replace(&mut *live.write().unwrap(), second);
    println!("v1 handles after reload: {}", Arc::strong_count(&old));

    let live2 = Arc::clone(&live);
    let new_link = thread::spawn(move || {
        let config = snapshot(&live2);
        describe("new link", &config)
    });

    go_on.send(()).unwrap();
    println!("{}", long_link.join().unwrap());
    println!("{}", new_link.join().unwrap());
    println!("v1 handles when done: {}", Arc::strong_count(&old));
}
// --8<-- [end:main]
