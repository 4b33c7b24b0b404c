// --8<-- [start:main]
use std::thread;

/// A telemetry frame buffer that owns its bytes through a raw
/// pointer (as a wrapper around a C library might).
struct FrameBuffer {
    ptr: *mut u8,
    len: usize,
}

impl FrameBuffer {
    fn new(len: usize) -> Self {
        let bytes = vec![0_u8; len].into_boxed_slice();
        let ptr = Box::into_raw(bytes).cast::<u8>();
        FrameBuffer { ptr, len }
    }

    fn bytes(&mut self) -> &mut [u8] {
        // SAFETY: `ptr` points to `len` bytes that we own, and
        // `&mut self` means no one else is using them.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

impl Drop for FrameBuffer {
    fn drop(&mut self) {
        let slice =
            std::ptr::slice_from_raw_parts_mut(self.ptr, self.len);
        // SAFETY: the pointer came from Box::into_raw in `new`.
        drop(unsafe { Box::from_raw(slice) });
    }
}

// SAFETY: a FrameBuffer is the only owner of its allocation and
// never hands the pointer out, so moving it to another thread
// moves all access with it.
unsafe impl Send for FrameBuffer {}

fn main() {
    let mut frame = FrameBuffer::new(8);
    frame.bytes()[0] = 0x7E; // frame start marker
    let handle = thread::spawn(move || {
        frame.bytes()[7] = 0x7E; // frame end marker
        frame.bytes().to_vec()
    });
    println!("{:02X?}", handle.join().unwrap());
}
// --8<-- [end:main]
