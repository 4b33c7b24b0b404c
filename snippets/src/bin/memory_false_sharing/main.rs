// --8<-- [start:main]
use std::mem::{align_of, size_of};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// Two counters side by side, on one 64-byte line.
#[repr(C, align(64))]
struct SideBySide {
    kiruna: AtomicU64,
    svalbard: AtomicU64,
}

/// A counter alone on its cache line (or pair of lines).
#[repr(align(128))]
struct Padded(AtomicU64);

#[repr(C)]
struct Apart {
    kiruna: Padded,
    svalbard: Padded,
}

/// How many bytes after `a` the value `b` starts.
fn gap<T>(a: &T, b: &T) -> usize {
    b as *const T as usize - a as *const T as usize
}

fn main() {
    let close = SideBySide {
        kiruna: AtomicU64::new(0),
        svalbard: AtomicU64::new(0),
    };
    let apart = Apart {
        kiruna: Padded(AtomicU64::new(0)),
        svalbard: Padded(AtomicU64::new(0)),
    };
    close.kiruna.fetch_add(1, Relaxed);
    apart.svalbard.0.fetch_add(1, Relaxed);

    assert_eq!(gap(&close.kiruna, &close.svalbard), 8);
    assert_eq!(size_of::<SideBySide>(), 64);
    assert_eq!(gap(&apart.kiruna, &apart.svalbard), 128);
    assert_eq!(
        (size_of::<Padded>(), align_of::<Padded>()),
        (128, 128)
    );
    println!("side by side: 8 bytes apart, in one 64-byte line");
    println!("padded: 128 bytes apart, each on a line of its own");
}
// --8<-- [end:main]
