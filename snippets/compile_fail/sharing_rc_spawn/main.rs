// compile-fail: E0277
// --8<-- [start:body]
use std::rc::Rc;
use std::thread;

fn main() {
    let satellite_id = Rc::new(7_u32);
    let handle = thread::spawn(move || {
        println!("logging satellite {satellite_id}");
    });
    handle.join().unwrap();
}
// --8<-- [end:body]
