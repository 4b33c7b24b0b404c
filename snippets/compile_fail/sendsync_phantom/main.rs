// compile-fail: E0277
// --8<-- [start:body]
use std::marker::PhantomData;
use std::thread;

/// Must stay on the thread that opened it (say, because a C
/// library keeps per-thread state for the session).
struct UplinkSession {
    satellite: u32,
    // Zero-sized; only there to make the struct !Send and !Sync.
    _not_send: PhantomData<*const ()>,
}

fn main() {
    let session = UplinkSession {
        satellite: 7,
        _not_send: PhantomData,
    };
    let handle = thread::spawn(move || {
        let session = session; // capture all of it, not one field
        session.satellite
    });
    handle.join().unwrap();
}
// --8<-- [end:body]
