use std::sync::{Arc, Condvar, Mutex};
use std::thread;

fn main() {
    // --8<-- [start:main]
    // `None` until flight dynamics publishes the next orbit.
    let orbit = Arc::new((Mutex::new(None), Condvar::new()));

    let antennas: Vec<_> = (1..=3)
        .map(|antenna| {
            let orbit = Arc::clone(&orbit);
            thread::spawn(move || {
                let (lock, published) = &*orbit;
                let guard = published
                    .wait_while(lock.lock().unwrap(), |o| o.is_none())
                    .unwrap();
                format!(
                    "antenna {antenna} tracks orbit {}",
                    guard.unwrap()
                )
            })
        })
        .collect();

    let (lock, published) = &*orbit;
    *lock.lock().unwrap() = Some(4521);
    published.notify_all(); // wake every waiting antenna

    for antenna in antennas {
        println!("{}", antenna.join().unwrap());
    }
    // --8<-- [end:main]
}
