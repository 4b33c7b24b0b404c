use std::sync::{Barrier, Mutex};
use std::thread;

fn main() {
    // --8<-- [start:main]
    let stations = ["Kiruna", "Svalbard", "Awarua"];
    let checked_in = Mutex::new(Vec::new());
    let everyone = Barrier::new(stations.len());

    let leaders = thread::scope(|s| {
        let mut handles = Vec::new();
        for station in stations {
            let (checked_in, everyone) = (&checked_in, &everyone);
            handles.push(s.spawn(move || {
                checked_in.lock().unwrap().push(station);
                // Returns only once all three threads have called it.
                let arrival = everyone.wait();
                // So every station has checked in by now.
                assert_eq!(checked_in.lock().unwrap().len(), 3);
                arrival.is_leader()
            }));
        }
        let leaders = handles.into_iter().map(|h| h.join().unwrap());
        leaders.filter(|&leader| leader).count()
    });
    println!("every station saw all 3 checked in");
    println!("leaders: {leaders}");
    // --8<-- [end:main]
}
