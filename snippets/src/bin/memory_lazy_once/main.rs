// --8<-- [start:main]
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{LazyLock, Once, OnceLock};
use std::thread;

static LOOKUPS: AtomicUsize = AtomicUsize::new(0);
static LOG_OPENINGS: AtomicUsize = AtomicUsize::new(0);

// Filled by whoever asks first, from a value known at run time.
static UPLINK_MHZ: OnceLock<u64> = OnceLock::new();
// Computed on first use by the function given here.
static STATIONS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    LOOKUPS.fetch_add(1, Relaxed);
    vec!["Awarua", "Kiruna", "Svalbard"]
});
// No value at all: a side effect that must happen once.
static OPEN_LOG: Once = Once::new();

fn look_up() -> u64 {
    LOOKUPS.fetch_add(1, Relaxed);
    2_025
}

fn main() {
    thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                OPEN_LOG.call_once(|| {
                    LOG_OPENINGS.fetch_add(1, Relaxed);
                });
                let mhz = *UPLINK_MHZ.get_or_init(look_up);
                assert_eq!((mhz, STATIONS.len()), (2_025, 3));
            });
        }
    });
    // Two values, each computed once, by 8 threads.
    assert_eq!(LOOKUPS.load(Relaxed), 2);
    assert_eq!(LOG_OPENINGS.load(Relaxed), 1);
    println!("uplink: {} MHz", UPLINK_MHZ.get().unwrap());
    println!("stations: {}", STATIONS.join(", "));
    println!("lookups: 2 for 2 values; log opened once");
}
// --8<-- [end:main]
