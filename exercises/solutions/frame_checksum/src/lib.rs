//! Checksums of telemetry frames, computed on several threads at once.

use std::thread;

/// One frame's checksum, a Fletcher-style sum of its bytes.
/// Given: nothing to change here.
pub fn frame_checksum(frame: &[u8]) -> u32 {
    let (mut low, mut high) = (0u32, 0u32);
    for &byte in frame {
        low = (low + u32::from(byte)) % 65_535;
        high = (high + low) % 65_535;
    }
    (high << 16) | low
}

/// The checksum of a batch: `check` of every frame, added with
/// `wrapping_add` (so the order of the frames does not matter).
///
/// The work is split between `workers` threads that borrow `frames`
/// (no frame is copied): at most `workers` chunks of nearly equal
/// size, one thread per chunk, and no thread for an empty batch.
/// Returns once every thread has finished.
///
/// Panics if `workers` is 0. A panic in `check` reaches the caller.
pub fn batch_checksum<F>(
    frames: &[Vec<u8>],
    workers: usize,
    check: F,
) -> u32
where
    F: Fn(&[u8]) -> u32 + Sync,
{
    assert!(workers > 0, "a batch needs at least one worker");
    if frames.is_empty() {
        return 0;
    }
    let chunk_size = frames.len().div_ceil(workers);
    let check = &check;
    thread::scope(|scope| {
        let handles: Vec<_> = frames
            .chunks(chunk_size)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk.iter().fold(0u32, |sum, frame| {
                        sum.wrapping_add(check(frame))
                    })
                })
            })
            .collect();
        handles.into_iter().fold(0u32, |sum, handle| {
            // A worker's panic is passed on as it is.
            let part = handle.join().unwrap_or_else(|payload| {
                std::panic::resume_unwind(payload)
            });
            sum.wrapping_add(part)
        })
    })
}
