// --8<-- [start:main]
use rayon::prelude::*;

fn checksum(frame: &str) -> u32 {
    frame.bytes().map(u32::from).sum()
}

fn main() {
    // Bytes received in each of 10 000 telemetry frames.
    let frame_bytes: Vec<u64> =
        (1..=10_000).map(|n| n % 251).collect();
    let total: u64 = frame_bytes.par_iter().sum();
    assert_eq!(total, frame_bytes.iter().sum::<u64>());
    println!("bytes: {total}");

    let frames =
        ["SAT-07 OK", "SAT-12 WARN", "SAT-31 OK", "SAT-44 LOS"];
    // collect() puts the results in the order of the input.
    let checksums: Vec<u32> =
        frames.par_iter().map(|frame| checksum(frame)).collect();
    let in_order: Vec<u32> =
        frames.iter().map(|f| checksum(f)).collect();
    assert_eq!(checksums, in_order);
    for (frame, total) in frames.iter().zip(&checksums) {
        println!("{frame:<12} checksum {total:>4}");
    }
}
// --8<-- [end:main]
