// --8<-- [start:main]
use std::thread;

/// Stand-in for CPU-bound work: a checksum over a satellite's
/// telemetry frames, each frame reduced to one number.
fn frame_checksum(first: u64, count: u64) -> u64 {
    (first..first + count).map(|frame| frame * frame % 97).sum()
}

fn main() {
    let satellites = ["SAT-07", "SAT-12", "SAT-31", "SAT-44"];
    let mut handles = Vec::new();
    for (slot, name) in satellites.into_iter().enumerate() {
        let first = slot as u64 * 200_000;
        // Each spawn starts a real OS thread; all four can run
        // on four cores at the same moment.
        let handle = thread::spawn(move || {
            (name, frame_checksum(first, 200_000))
        });
        handles.push(handle);
    }
    for handle in handles {
        let (name, sum) = handle.join().unwrap();
        println!("{name}: checksum {sum}");
    }
}
// --8<-- [end:main]
