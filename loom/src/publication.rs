//! Publishing data with a flag, as the listing `atomics_publish` does: the
//! writer stores the epoch, then raises the flag; the reader waits for the
//! flag, then reads the epoch.

use crate::sync::{
    Arc, AtomicBool, AtomicU64,
    Ordering::{self, Acquire, Relaxed, Release},
    thread,
};

// --8<-- [start:orderings]
/// The ordering of the writer's store to the flag, and of the reader's
/// loads of it. The epoch itself is always stored and loaded `Relaxed`.
#[derive(Clone, Copy, Debug)]
pub struct FlagOrderings {
    pub store: Ordering,
    pub load: Ordering,
}

/// The lesson's choice: the store releases what came before it, and the
/// load that sees it acquires all of that.
pub const RELEASE_ACQUIRE: FlagOrderings = FlagOrderings {
    store: Release,
    load: Acquire,
};

/// Both `Relaxed`: still no data race, but nothing orders the epoch's
/// store before the flag's, as the reader sees them.
pub const RELAXED: FlagOrderings = FlagOrderings {
    store: Relaxed,
    load: Relaxed,
};
// --8<-- [end:orderings]

// --8<-- [start:round]
/// Runs one round: a reader and a writer thread, both joined before it
/// returns. Returns the epoch the reader read once it saw the flag
/// raised; anything but `epoch_value` is a stale read.
pub fn publish_epoch(epoch_value: u64, flag: FlagOrderings) -> u64 {
    let epoch = Arc::new(AtomicU64::new(0)); // the data
    let ready = Arc::new(AtomicBool::new(false)); // the flag

    let reader = thread::spawn({
        let (epoch, ready) = (Arc::clone(&epoch), Arc::clone(&ready));
        move || {
            while !ready.load(flag.load) {
                thread::yield_now();
            }
            epoch.load(Relaxed)
        }
    });
    let writer = thread::spawn(move || {
        epoch.store(epoch_value, Relaxed);
        ready.store(true, flag.store);
    });

    writer.join().unwrap();
    reader.join().unwrap()
}
// --8<-- [end:round]
