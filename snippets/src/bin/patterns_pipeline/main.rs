// --8<-- [start:main]
use std::collections::BTreeMap;
use std::sync::mpsc;
use std::thread;

/// "SAT-07|412" -> ("SAT-07", 412); None if malformed.
fn parse_frame(frame: &str) -> Option<(String, u32)> {
    let (sat, value) = frame.split_once('|')?;
    Some((sat.to_string(), value.parse().ok()?))
}

fn main() {
    // Raw frames as they come off the ground-station link.
    let raw = [
        "SAT-07|412",
        "SAT-12|388",
        "SAT-07|#!?",
        "SAT-31|405",
        "SAT-12|391",
        "garbage",
        "SAT-07|420",
    ];

    // Stage boundaries: small bounded queues, so a fast stage
    // waits for a slow one instead of piling up frames.
    let (raw_tx, raw_rx) = mpsc::sync_channel::<String>(2);
    let (ok_tx, ok_rx) = mpsc::sync_channel::<(String, u32)>(2);

    // Stage 1: receive. Dropping raw_tx at the end closes stage 2.
    let receiver = thread::spawn(move || {
        for frame in raw {
            raw_tx.send(frame.to_string()).unwrap();
        }
        raw.len()
    });

    // Stage 2: decode; bad frames stop here.
    let decoder = thread::spawn(move || {
        let mut rejected = 0;
        for frame in raw_rx {
            match parse_frame(&frame) {
                Some(reading) => ok_tx.send(reading).unwrap(),
                None => rejected += 1,
            }
        }
        rejected // ok_tx is dropped here: stage 3's loop ends
    });

    // Stage 3: aggregate per satellite.
    let aggregator = thread::spawn(move || {
        let mut per_sat: BTreeMap<String, (u32, u32)> =
            BTreeMap::new();
        for (sat, value) in ok_rx {
            let entry = per_sat.entry(sat).or_default();
            entry.0 += 1;
            entry.1 += value;
        }
        per_sat
    });

    let received = receiver.join().unwrap();
    let rejected = decoder.join().unwrap();
    let per_sat = aggregator.join().unwrap();

    println!("received {received}, rejected {rejected}");
    for (sat, (frames, total)) in per_sat {
        let mean = total / frames;
        println!("{sat}: readings {frames}, mean {mean}");
    }
}
// --8<-- [end:main]
