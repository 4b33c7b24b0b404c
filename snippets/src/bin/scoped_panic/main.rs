use std::panic;
use std::thread;

// --8<-- [start:main]
fn point_antenna(elevation_deg: i32) -> i32 {
    if elevation_deg < 0 {
        panic!("satellite below the horizon");
    }
    elevation_deg
}

fn main() {
    // Joined by hand: the panic comes back as an Err value.
    let outcome = thread::scope(|s| {
        let handle = s.spawn(|| point_antenna(-4));
        match handle.join() {
            Ok(_) => "Ok",
            Err(_) => "Err",
        }
    });
    println!("joined by hand: {outcome}");

    // Not joined: `scope` waits for the thread, then panics
    // itself. catch_unwind turns that panic into a Result.
    let result = panic::catch_unwind(|| {
        thread::scope(|s| {
            s.spawn(|| point_antenna(-4));
        });
    });
    let payload = result.unwrap_err();
    let message = payload.downcast_ref::<&str>().unwrap();
    println!("scope panicked: {message}");
}
// --8<-- [end:main]
