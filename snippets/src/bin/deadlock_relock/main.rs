use std::sync::{Mutex, TryLockError, TryLockResult};

fn attempt<G>(result: TryLockResult<G>) -> &'static str {
    match result {
        Ok(_) => "granted",
        Err(TryLockError::WouldBlock) => "would block",
        Err(TryLockError::Poisoned(_)) => "poisoned",
    }
}

fn main() {
    // --8<-- [start:main]
    let registry = Mutex::new(3);
    let guard = registry.lock().unwrap();

    // `registry.lock()` here might never return, or might panic:
    // std leaves it unspecified. `try_lock` answers instead.
    println!("lock held: {}", attempt(registry.try_lock()));

    drop(guard);
    println!("after drop: {}", attempt(registry.try_lock()));
    // --8<-- [end:main]
}
