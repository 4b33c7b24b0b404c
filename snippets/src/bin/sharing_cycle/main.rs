use std::sync::{Arc, Mutex};

// --8<-- [start:main]
struct Station {
    // A strong handle back to itself: a cycle.
    partner: Mutex<Option<Arc<Station>>>,
}

fn main() {
    let station = Arc::new(Station {
        partner: Mutex::new(None),
    });
    *station.partner.lock().unwrap() = Some(Arc::clone(&station));
    let watch = Arc::downgrade(&station);
    assert_eq!(Arc::strong_count(&station), 2);

    drop(station);
    // Main holds no strong handle, yet the value is alive:
    // the cycle keeps its own count above zero.
    assert_eq!(watch.strong_count(), 1);
    println!("after drop: still alive, a leak");

    // Breaking the cycle by hand frees it.
    if let Some(station) = watch.upgrade() {
        station.partner.lock().unwrap().take();
    }
    assert!(watch.upgrade().is_none());
    println!("cycle broken: freed");
}
// --8<-- [end:main]
