// --8<-- [start:main]
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, RwLock};
use std::thread;

fn main() {
    let passes = AtomicU32::new(0);
    let log = Mutex::new(Vec::new());
    let max_kbps = RwLock::new(2_048);

    thread::scope(|s| {
        // Shared references only: &AtomicU32, &Mutex, &RwLock.
        let (passes, log, max_kbps) = (&passes, &log, &max_kbps);
        for sat in ["SAT-07", "SAT-12", "SAT-31"] {
            // Each closure gets copies of the three references
            // (and its own `sat`), and still mutates through them.
            s.spawn(move || {
                passes.fetch_add(1, Ordering::Relaxed);
                let rate = *max_kbps.read().unwrap();
                log.lock().unwrap().push(format!("{sat}@{rate}"));
            });
        }
    });
    *max_kbps.write().unwrap() = 4_096;

    let mut log = log.into_inner().unwrap();
    log.sort(); // threads finish in any order
    println!("passes: {}", passes.load(Ordering::Relaxed));
    println!("log: {}", log.join(", "));
    println!("rate now: {}", max_kbps.read().unwrap());
}
// --8<-- [end:main]
