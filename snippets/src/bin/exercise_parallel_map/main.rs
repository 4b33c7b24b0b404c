// --8<-- [start:main]
use std::panic;
use std::thread;

/// Applies `func` to every item, each call on a thread of its own,
/// and returns the results in the order of the input.
fn parallel_map<T, U, F>(items: Vec<T>, func: F) -> Vec<U>
where
    F: Fn(T) -> U + Clone + Send + 'static,
    T: Send + 'static,
    U: Send + 'static,
{
    // Start every thread first, so that all of them run at once...
    let handles: Vec<thread::JoinHandle<U>> = items
        .into_iter()
        .map(|item| {
            let func = func.clone(); // one copy per thread
            thread::spawn(move || func(item))
        })
        .collect();
    // ...then join them in input order: the output order follows.
    handles
        .into_iter()
        .map(|handle| match handle.join() {
            Ok(result) => result,
            // Re-raise the worker's panic here, with its own message.
            Err(payload) => panic::resume_unwind(payload),
        })
        .collect()
}

fn main() {
    // Lengths of today's passes over the ground station, in seconds.
    let passes = vec![312_u32, 545, 1_020, 78];
    let shown = parallel_map(passes, |secs| {
        format!("{}m{:02}s", secs / 60, secs % 60)
    });
    println!("passes: {}", shown.join(", "));
}
// --8<-- [end:main]

// --8<-- [start:tests]
#[cfg(test)]
mod tests {
    use super::parallel_map;
    use std::collections::HashSet;
    use std::sync::{Arc, Condvar, Mutex};
    use std::thread;
    use std::time::Duration;

    #[test]
    fn results_follow_the_input_order() {
        let doubled = parallel_map(vec![3, 1, 2], |n| n * 10);
        assert_eq!(doubled, vec![30, 10, 20]);
    }

    #[test]
    fn no_items_give_no_results() {
        let empty: Vec<String> =
            parallel_map(Vec::<u8>::new(), |n| n.to_string());
        assert!(empty.is_empty());
    }

    #[test]
    fn the_function_may_own_captured_state() {
        let prefix = String::from("SAT-");
        let names = parallel_map(vec![7, 12], move |n| {
            format!("{prefix}{n}")
        });
        assert_eq!(names, ["SAT-7", "SAT-12"]);
    }

    #[test]
    fn every_call_runs_on_another_thread() {
        let caller = thread::current().id();
        let ids =
            parallel_map(vec![(); 8], |()| thread::current().id());
        let distinct: HashSet<_> = ids.iter().collect();
        assert_eq!(distinct.len(), 8);
        assert!(!distinct.contains(&caller));
    }

    #[test]
    fn the_calls_overlap_in_time() {
        // Each call waits (at most 5 s) until all four have started.
        // Made one after the other, the first three calls would each
        // time out (only the fourth finds the count at 4): the test
        // fails instead of hanging.
        let arrived = Arc::new((Mutex::new(0_usize), Condvar::new()));
        let met = parallel_map(vec![(); 4], move |()| {
            let (count, bell) = &*arrived;
            let mut count = count.lock().unwrap();
            *count += 1;
            bell.notify_all();
            let limit = Duration::from_secs(5);
            let (_count, waited) = bell
                .wait_timeout_while(count, limit, |count| *count < 4)
                .unwrap();
            !waited.timed_out()
        });
        assert_eq!(met, [true; 4]);
    }

    #[test]
    #[should_panic(expected = "frame 2 is corrupt")]
    fn a_panic_in_a_call_reaches_the_caller() {
        parallel_map(vec![1, 2, 3], |n| {
            assert!(n != 2, "frame {n} is corrupt");
            n
        });
    }
}
// --8<-- [end:tests]
