use std::thread;

// --8<-- [start:sum]
/// Sum `values` on up to `threads` threads, a chunk each.
fn chunked_sum(values: &[u64], threads: usize) -> u64 {
    let chunk_len = values.len().div_ceil(threads).max(1);
    thread::scope(|s| {
        let partials: Vec<_> = values
            .chunks(chunk_len)
            .map(|chunk| s.spawn(move || chunk.iter().sum::<u64>()))
            .collect();
        partials.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
// --8<-- [end:sum]

// --8<-- [start:map]
/// Apply `f` to every item on up to `threads` threads,
/// keeping the items' order in the result.
fn parallel_map<T, U, F>(items: &[T], threads: usize, f: F) -> Vec<U>
where
    T: Sync,
    U: Send,
    F: Fn(&T) -> U + Sync,
{
    let chunk_len = items.len().div_ceil(threads).max(1);
    let f = &f; // each thread gets a copy of this reference
    thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(chunk_len)
            .map(|chunk| {
                s.spawn(move || {
                    chunk.iter().map(f).collect::<Vec<U>>()
                })
            })
            .collect();
        // Join in spawn order, so chunk order is kept.
        parts.into_iter().flat_map(|h| h.join().unwrap()).collect()
    })
}
// --8<-- [end:map]

// --8<-- [start:main]
fn main() {
    // Bytes received in each of 10 000 telemetry frames.
    let frame_bytes: Vec<u64> =
        (1..=10_000).map(|n| n % 251).collect();
    println!("bytes: {}", chunked_sum(&frame_bytes, 4));
    println!("check: {}", frame_bytes.iter().sum::<u64>());

    let frames =
        ["SAT-07 OK", "SAT-12 WARN", "SAT-31 OK", "SAT-44 LOS"];
    let checksums = parallel_map(&frames, 3, |frame| {
        frame.bytes().map(u32::from).sum::<u32>() % 255
    });
    for (frame, sum) in frames.iter().zip(checksums) {
        println!("{frame:<12} checksum {sum:>3}");
    }
}
// --8<-- [end:main]
