// --8<-- [start:main]
use std::sync::Barrier;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::thread;

/// The uplink frequency, in MHz, once looked up; 0: not yet.
static UPLINK_MHZ: AtomicU64 = AtomicU64::new(0);
static LOOKUPS: AtomicUsize = AtomicUsize::new(0);

fn look_up() -> u64 {
    LOOKUPS.fetch_add(1, Ordering::Relaxed);
    2_025 // stands in for a slow query
}

fn uplink_mhz(both_checked: &Barrier) -> u64 {
    let mut mhz = UPLINK_MHZ.load(Ordering::Acquire);
    both_checked.wait(); // forces the unlucky interleaving
    if mhz == 0 {
        mhz = look_up();
        UPLINK_MHZ.store(mhz, Ordering::Release);
    }
    mhz
}

fn main() {
    let both_checked = Barrier::new(2);
    let (a, b) = thread::scope(|s| {
        let a = s.spawn(|| uplink_mhz(&both_checked));
        let b = s.spawn(|| uplink_mhz(&both_checked));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!((a, b), (2_025, 2_025));
    assert_eq!(LOOKUPS.load(Ordering::Relaxed), 2);
    println!("both threads got {a} MHz");
    println!("lookups: {}", LOOKUPS.load(Ordering::Relaxed));
}
// --8<-- [end:main]
