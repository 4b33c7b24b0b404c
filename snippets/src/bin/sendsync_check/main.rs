// --8<-- [start:main]
use std::cell::{Cell, RefCell, UnsafeCell};
use std::sync::{Arc, Mutex, MutexGuard};

// At run time these functions only print the name. A call
// compiles only if the type meets the bound, so each line below
// is a proof.
#[allow(clippy::extra_unused_type_parameters)]
fn send<T: Send>(name: &str) {
    println!("{name} is Send");
}
#[allow(clippy::extra_unused_type_parameters)]
fn sync<T: Sync>(name: &str) {
    println!("{name} is Sync");
}

// A struct gets Send and Sync from its fields, automatically.
struct Session {
    satellite: u32,
    station: String,
}

fn main() {
    send::<Cell<u32>>("Cell<u32>");
    send::<RefCell<u32>>("RefCell<u32>");
    send::<UnsafeCell<u32>>("UnsafeCell<u32>");
    sync::<MutexGuard<'static, u32>>("MutexGuard<u32>");
    send::<Arc<Mutex<u32>>>("Arc<Mutex<u32>>");
    sync::<Arc<Mutex<u32>>>("Arc<Mutex<u32>>");
    // T: Sync exactly when &T: Send.
    sync::<Mutex<u32>>("Mutex<u32>");
    send::<&Mutex<u32>>("&Mutex<u32>");
    send::<Session>("Session");
    sync::<Session>("Session");
    let session = Session {
        satellite: 7,
        station: String::from("Kiruna"),
    };
    println!("({} via {})", session.satellite, session.station);
}
// --8<-- [end:main]
