//! The types the patterns use, from loom under `--cfg loom` and from std
//! otherwise, under the same names.

#[cfg(loom)]
pub use loom::{
    cell::{MutPtr, UnsafeCell},
    hint,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    thread,
};

#[cfg(not(loom))]
pub use std::{
    hint,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    thread,
};

#[cfg(not(loom))]
pub use std_cell::{MutPtr, UnsafeCell};

/// std's `UnsafeCell` behind the API of loom's: loom's cell records each
/// access through the `MutPtr` it hands out, so that it can report two
/// accesses that no happens-before edge orders.
#[cfg(not(loom))]
mod std_cell {
    pub struct UnsafeCell<T>(std::cell::UnsafeCell<T>);

    impl<T> UnsafeCell<T> {
        pub const fn new(value: T) -> Self {
            Self(std::cell::UnsafeCell::new(value))
        }

        pub fn get_mut(&self) -> MutPtr<T> {
            MutPtr(self.0.get())
        }
    }

    pub struct MutPtr<T>(*mut T);

    impl<T> MutPtr<T> {
        /// # Safety
        ///
        /// As for dereferencing a `*mut T`: no other reference to the value
        /// may be in use while the returned one is.
        #[expect(
            clippy::mut_from_ref,
            reason = "the signature of loom's MutPtr::deref, which stands for a raw pointer"
        )]
        pub unsafe fn deref(&self) -> &mut T {
            // SAFETY: the caller promises exclusive access.
            unsafe { &mut *self.0 }
        }
    }
}
