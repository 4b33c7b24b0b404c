#[path = "../../support/deadline.rs"]
mod deadline;

use std::collections::HashSet;
use std::sync::Mutex;
use std::thread::{self, ThreadId};

use deadline::{panic_message, within};
use frame_checksum::{batch_checksum, frame_checksum};

/// `count` frames of different lengths and contents.
fn frames(count: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|index| {
            (0..index % 97)
                .map(|byte| (byte * 7 + index) as u8)
                .collect()
        })
        .collect()
}

fn one_by_one(frames: &[Vec<u8>]) -> u32 {
    frames.iter().fold(0u32, |sum, frame| {
        sum.wrapping_add(frame_checksum(frame))
    })
}

#[test]
fn same_sum_as_one_frame_at_a_time() {
    let sums = within("checksums of 1000 frames", || {
        let batch = frames(1000);
        let expected = one_by_one(&batch);
        let sums: Vec<u32> = [1, 2, 3, 7, 16]
            .into_iter()
            .map(|workers| {
                batch_checksum(&batch, workers, frame_checksum)
            })
            .collect();
        (expected, sums)
    });
    let (expected, sums) = sums;
    assert_eq!(sums, vec![expected; 5], "workers: 1, 2, 3, 7, 16");
}

#[test]
fn more_workers_than_frames() {
    let (expected, sum) = within("3 frames, 8 workers", || {
        let batch = frames(3);
        (
            one_by_one(&batch),
            batch_checksum(&batch, 8, frame_checksum),
        )
    });
    assert_eq!(sum, expected);
}

#[test]
fn empty_batch_sums_to_zero() {
    let sum = within("an empty batch", || {
        batch_checksum(&[], 4, |_| -> u32 {
            panic!("no frame to check")
        })
    });
    assert_eq!(sum, 0);
}

#[test]
fn each_worker_is_a_thread_of_its_own() {
    let (caller, seen) = within("64 frames on 4 workers", || {
        let seen = Mutex::new(HashSet::<ThreadId>::new());
        batch_checksum(&frames(64), 4, |frame| {
            seen.lock().unwrap().insert(thread::current().id());
            frame_checksum(frame)
        });
        (thread::current().id(), seen.into_inner().unwrap())
    });
    assert!(
        !seen.contains(&caller),
        "a frame was checked on the calling thread, not on a worker"
    );
    assert_eq!(seen.len(), 4, "threads that checked frames");
}

#[test]
fn no_workers_is_refused() {
    let message = within("a batch with 0 workers", || {
        panic_message(|| {
            batch_checksum(&frames(4), 0, frame_checksum);
        })
    });
    assert!(
        message.is_some(),
        "0 workers must panic, but it returned"
    );
}

#[test]
fn a_failing_check_reaches_the_caller() {
    let message = within("a batch with a corrupt frame", || {
        panic_message(|| {
            let mut batch = frames(40);
            batch[25] = vec![0xFF; 3];
            batch_checksum(&batch, 4, |frame| {
                assert_ne!(frame, [0xFF; 3], "corrupt frame");
                frame_checksum(frame)
            });
        })
    });
    assert!(
        message.is_some(),
        "a check panicked, but batch_checksum returned"
    );
}
