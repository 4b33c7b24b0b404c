//! Checksums of uplink frames, computed in Rust for Python callers.
//!
//! `batch_checksum` lets go of the GIL while it adds up the frames, so Python
//! threads that call it at the same time run on as many cores as they have.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

// --8<-- [start:checksum]
/// One frame's checksum, a Fletcher-style sum of its bytes (the function of
/// the frame-checksum exercise).
pub fn frame_checksum(frame: &[u8]) -> u32 {
    let (mut low, mut high) = (0u32, 0u32);
    for &byte in frame {
        low = (low + u32::from(byte)) % 65_535;
        high = (high + low) % 65_535;
    }
    (high << 16) | low
}

/// The checksums of all `frames`, added with `wrapping_add`.
pub fn sum_of_checksums(frames: &[&[u8]]) -> u32 {
    frames
        .iter()
        .fold(0, |sum, frame| sum.wrapping_add(frame_checksum(frame)))
}
// --8<-- [end:checksum]

#[pymodule]
mod uplink_checksum {
    use super::*;

    // --8<-- [start:batch]
    /// The checksums of `frames` (a sequence of `bytes`), added modulo 2**32.
    ///
    /// The GIL is released while the sum is computed (unless `release_gil` is
    /// false): other Python threads run meanwhile, and two threads calling this
    /// at once use two cores. Only `bytes` are accepted, never `bytearray`: a
    /// `bytes` object cannot change while the GIL is released.
    #[pyfunction]
    #[pyo3(signature = (frames, *, release_gil = true))]
    fn batch_checksum(
        py: Python<'_>,
        frames: Vec<Bound<'_, PyAny>>,
        release_gil: bool,
    ) -> PyResult<u32> {
        // Borrowed views of the frames: no byte is copied.
        let mut views: Vec<&[u8]> = Vec::with_capacity(frames.len());
        for (index, frame) in frames.iter().enumerate() {
            let Ok(bytes) = frame.cast::<PyBytes>() else {
                let kind = frame.get_type().name()?;
                let message = format!("frames[{index}] is {kind}, not bytes");
                return Err(PyTypeError::new_err(message));
            };
            views.push(bytes.as_bytes());
        }
        Ok(if release_gil {
            py.detach(|| sum_of_checksums(&views))
        } else {
            sum_of_checksums(&views)
        })
    }
    // --8<-- [end:batch]

    /// One frame's checksum (`frame` is `bytes`); the GIL stays held.
    #[pyfunction(name = "frame_checksum")]
    fn one_frame(frame: &[u8]) -> u32 {
        super::frame_checksum(frame)
    }
}
