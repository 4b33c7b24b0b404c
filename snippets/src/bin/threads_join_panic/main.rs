// --8<-- [start:panic]
use std::thread;

fn point_antenna(elevation_deg: i32) -> i32 {
    if elevation_deg < 0 {
        panic!("satellite is below the horizon");
    }
    elevation_deg
}

fn main() {
    let handle = thread::spawn(|| point_antenna(-3));

    match handle.join() {
        Ok(angle) => println!("tracking at {angle} degrees"),
        Err(payload) => {
            // The payload is whatever panic! was given.
            let text = payload.downcast_ref::<&str>();
            println!("the thread panicked: {}", text.unwrap());
        }
    }
    println!("main is still running");
}
// --8<-- [end:panic]
