// --8<-- [start:main]
use std::thread;

/// Sums `data` on `parts` threads. Each thread borrows its own
/// chunk of the caller's slice: nothing is copied.
fn parallel_sum(data: &[u64], parts: usize) -> u64 {
    let chunk_len = data.len().div_ceil(parts);
    thread::scope(|s| {
        let handles: Vec<_> = data
            .chunks(chunk_len)
            .map(|chunk| s.spawn(move || chunk.iter().sum::<u64>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

fn main() {
    // Bytes received in each of 1000 telemetry frames.
    let frame_bytes: Vec<u64> = (1..=1000).map(|n| n % 251).collect();
    let total = parallel_sum(&frame_bytes, 4);
    println!("bytes received: {total}");
    println!("check: {}", frame_bytes.iter().sum::<u64>());
}
// --8<-- [end:main]
