//! The code loom checks, run on the machine's own threads: the build
//! without `--cfg loom`, so `crate::sync` is std's.
#![cfg(not(loom))]

use std::env;

use loom_models::publication::{
    FlagOrderings, RELAXED, RELEASE_ACQUIRE, publish_epoch,
};
use loom_models::spin_lock::log_passes;
use loom_models::stop_flag::decode_until;

// --8<-- [start:relaxed]
/// Rounds of each publication test; `PUBLICATION_ROUNDS` sets another.
fn rounds() -> u64 {
    env::var("PUBLICATION_ROUNDS").map_or(10_000, |text| {
        text.parse().expect("PUBLICATION_ROUNDS is a whole number")
    })
}

/// In how many rounds the reader saw the flag but not the epoch.
fn stale_reads(flag: FlagOrderings) -> u64 {
    let rounds = rounds();
    let stale = (1..=rounds)
        .filter(|round| publish_epoch(round * 60, flag) != round * 60)
        .count();
    println!("{flag:?}: {stale} stale reads in {rounds} rounds");
    stale as u64
}

/// x86-64 keeps stores in order and loads in order, and this build's
/// compiler happens not to reorder them: the bug never shows here.
#[cfg(target_arch = "x86_64")]
#[test]
fn relaxed_publication_on_x86_64() {
    assert_eq!(stale_reads(RELAXED), 0);
}
// --8<-- [end:relaxed]

#[test]
fn release_acquire_publication() {
    assert_eq!(stale_reads(RELEASE_ACQUIRE), 0);
}

#[test]
fn spin_lock() {
    let stations = ["Kiruna", "Svalbard", "Awarua"];
    let log = log_passes(&stations, 500);
    assert_eq!(log.len(), 1_500);
    for station in stations {
        let passes =
            log.iter().filter(|(s, _)| *s == station).count();
        assert_eq!(passes, 500, "{station}");
    }
}

#[test]
fn stop_flag() {
    let stopped = decode_until(1_000);
    assert_eq!(stopped.progress, stopped.worker_count);
    assert!(stopped.worker_count >= 1_000);
}
