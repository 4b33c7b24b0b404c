use std::sync::{Arc, Mutex, Weak};

// --8<-- [start:types]
struct Station {
    name: &'static str,
    links: Mutex<Vec<Arc<Link>>>,
}

struct Link {
    satellite: &'static str,
    // Weak: a link does not keep its station alive.
    station: Weak<Station>,
}
// --8<-- [end:types]

fn main() {
    // --8<-- [start:main]
    let station = Arc::new(Station {
        name: "Svalbard",
        links: Mutex::new(Vec::new()),
    });
    let link = Arc::new(Link {
        satellite: "SAT-7",
        station: Arc::downgrade(&station),
    });
    station.links.lock().unwrap().push(Arc::clone(&link));
    assert_eq!(Arc::strong_count(&station), 1);
    assert_eq!(Arc::weak_count(&station), 1);

    // The child reaches its parent by upgrading the Weak.
    let parent = link.station.upgrade().expect("station is alive");
    assert_eq!(Arc::strong_count(&station), 2);
    println!("{} is linked to {}", link.satellite, parent.name);
    drop(parent);

    drop(station); // the last strong handle
    assert!(link.station.upgrade().is_none());
    println!("station dropped: upgrade gives None");
    // The station's list of links went with it.
    assert_eq!(Arc::strong_count(&link), 1);
    println!("the link is held by main alone");
    // --8<-- [end:main]
}
