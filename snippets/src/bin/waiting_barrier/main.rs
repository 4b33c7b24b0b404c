use std::sync::{Barrier, Mutex};
use std::thread;

const ROUNDS: usize = 2;

fn main() {
    // --8<-- [start:main]
    let stations = ["Kiruna", "Svalbard", "Awarua"];
    // How many stations have checked in, per round.
    let checked_in = Mutex::new([0; ROUNDS]);
    let everyone = Barrier::new(stations.len());

    let leaders = thread::scope(|s| {
        let mut handles = Vec::new();
        for _ in stations {
            let (checked_in, everyone) = (&checked_in, &everyone);
            handles.push(s.spawn(move || {
                let mut led = 0;
                for round in 0..ROUNDS {
                    checked_in.lock().unwrap()[round] += 1;
                    // Returns only once all three threads called it.
                    let arrival = everyone.wait();
                    // So every station has checked in this round.
                    assert_eq!(checked_in.lock().unwrap()[round], 3);
                    if arrival.is_leader() {
                        led += 1;
                    }
                }
                led
            }));
        }
        let leaders = handles.into_iter().map(|h| h.join().unwrap());
        leaders.sum::<usize>()
    });
    // The barrier is reused, with one leader per round.
    assert_eq!(leaders, ROUNDS);
    println!("every station saw all 3 checked in, {ROUNDS} rounds");
    println!("leaders: {leaders}");
    // --8<-- [end:main]
}
