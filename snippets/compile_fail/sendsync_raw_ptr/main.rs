// compile-fail: E0277
// --8<-- [start:body]
use std::thread;

struct FrameBuffer {
    ptr: *mut u8,
    len: usize,
}

fn main() {
    let bytes = vec![0_u8; 8].into_boxed_slice();
    let frame = FrameBuffer {
        ptr: Box::into_raw(bytes).cast::<u8>(),
        len: 8,
    };
    let handle = thread::spawn(move || {
        let frame = frame; // capture all of it, not one field
        frame.len
    });
    handle.join().unwrap();
}
// --8<-- [end:body]
