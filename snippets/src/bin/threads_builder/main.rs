// --8<-- [start:builder]
use std::thread;

fn main() {
    let handle = thread::Builder::new()
        .name(String::from("pass-SAT-7"))
        .stack_size(256 * 1024) // bytes
        .spawn(|| {
            let me = thread::current();
            println!("running as {}", me.name().unwrap());
        })
        .expect("the OS refused to create a thread");
    handle.join().unwrap();
}
// --8<-- [end:builder]
