// --8<-- [start:main]
use std::sync::{Arc, Mutex};
use std::thread;

/// A counter that any number of threads may bump and read at once.
#[derive(Debug, Default)]
struct Counter {
    count: Mutex<u64>,
}

impl Counter {
    fn new() -> Self {
        Self::default()
    }

    /// `&self`, not `&mut self`: the mutex makes shared mutation safe.
    fn increment(&self) {
        *self.count.lock().unwrap() += 1;
    }

    fn get(&self) -> u64 {
        *self.count.lock().unwrap()
    }
}

fn main() {
    let contacts = Arc::new(Counter::new());
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let contacts = Arc::clone(&contacts);
            thread::spawn(move || {
                for _ in 0..250 {
                    contacts.increment();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    println!("contacts: {}", contacts.get());
}
// --8<-- [end:main]

// --8<-- [start:tests]
#[cfg(test)]
mod tests {
    use super::Counter;
    use std::sync::Arc;
    use std::thread;

    #[test]
    fn a_new_counter_reads_zero() {
        assert_eq!(Counter::new().get(), 0);
    }

    #[test]
    fn increments_add_up_on_one_thread() {
        let counter = Counter::new();
        counter.increment();
        counter.increment();
        assert_eq!(counter.get(), 2);
    }

    #[test]
    fn the_counter_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Counter>(); // a compile-time check
    }

    #[test]
    fn no_increment_is_lost_under_contention() {
        let counter = Arc::new(Counter::new());
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let counter = Arc::clone(&counter);
                thread::spawn(move || {
                    for _ in 0..1_000 {
                        counter.increment();
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
        assert_eq!(counter.get(), 8_000);
    }

    #[test]
    fn readers_never_see_the_count_go_down() {
        let counter = Counter::new();
        thread::scope(|s| {
            s.spawn(|| {
                for _ in 0..5_000 {
                    counter.increment();
                }
            });
            s.spawn(|| {
                let mut last = 0;
                for _ in 0..5_000 {
                    let now = counter.get();
                    assert!(now >= last && now <= 5_000);
                    last = now;
                }
            });
        });
        assert_eq!(counter.get(), 5_000);
    }
}
// --8<-- [end:tests]
