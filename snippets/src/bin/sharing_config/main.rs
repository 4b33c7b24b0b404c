// --8<-- [start:main]
use std::sync::Arc;
use std::thread;

struct StationConfig {
    name: String,
    max_uplink_kbps: u32,
    bands: Vec<&'static str>,
}

fn main() {
    // Built once at start-up, never changed afterwards.
    let config = Arc::new(StationConfig {
        name: String::from("Kiruna"),
        max_uplink_kbps: 2_048,
        bands: vec!["S", "X"],
    });

    let handles: Vec<_> = ["SAT-07", "SAT-12", "SAT-31"]
        .into_iter()
        .map(|sat| {
            let config = Arc::clone(&config);
            thread::spawn(move || {
                format!(
                    "{sat} via {}: {} kbps, bands {}",
                    config.name,
                    config.max_uplink_kbps,
                    config.bands.join("/")
                )
            })
        })
        .collect();
    for handle in handles {
        println!("{}", handle.join().unwrap());
    }
}
// --8<-- [end:main]
