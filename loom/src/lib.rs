//! The atomic patterns of the lessons, written once against [`sync`]: std's
//! threads and atomics in a normal build, loom's under `--cfg loom`. The
//! tests in `tests/models.rs` hand them to loom, which runs each one under
//! every interleaving it can reach; `tests/real_threads.rs` runs the same
//! code on the machine's threads.

pub mod publication;
pub mod spin_lock;
pub mod stop_flag;
pub mod sync;
