// --8<-- [start:main]
use std::sync::Arc;
use std::thread;

fn main() {
    let registry = Arc::new(vec!["SAT-07", "SAT-12", "SAT-31"]);
    println!("after new: {}", Arc::strong_count(&registry));

    let for_logger = Arc::clone(&registry); // copies a pointer
    let for_metrics = Arc::clone(&registry);
    println!("after two clones: {}", Arc::strong_count(&registry));

    drop(for_metrics); // metrics turned out not to be needed
    println!("after one drop: {}", Arc::strong_count(&registry));

    let logger = thread::spawn(move || for_logger.len());
    // The closure, and the Arc it owns, is dropped when the
    // thread finishes, so after join the count has fallen.
    let seen = logger.join().unwrap();
    println!("logger saw {seen} satellites");
    println!("after join: {}", Arc::strong_count(&registry));
}
// --8<-- [end:main]
