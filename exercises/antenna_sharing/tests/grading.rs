#[path = "../../support/deadline.rs"]
mod deadline;

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use antenna_sharing::{antennas, lock_pair, run_ring};
use deadline::{LIMIT, panic_message, start, within};

#[test]
fn guards_come_in_the_order_asked() {
    let pairs = within("locking two pairs", || {
        let antennas = antennas(4);
        for (number, antenna) in antennas.iter().enumerate() {
            antenna.lock().unwrap().passes = number as u32 * 10;
        }
        let (a, b) = lock_pair(&antennas, 3, 1);
        let first = (a.passes, b.passes);
        drop((a, b));
        let (a, b) = lock_pair(&antennas, 0, 2);
        (first, (a.passes, b.passes))
    });
    assert_eq!(pairs, ((30, 10), (0, 20)), "passes of (a, b)");
}

#[test]
fn the_same_antenna_twice_is_refused() {
    let message = within("locking antenna 2 twice", || {
        panic_message(|| {
            let antennas = antennas(3);
            let _ = lock_pair(&antennas, 2, 2);
        })
    });
    assert!(message.is_some(), "lock_pair(2, 2) must panic");
}

/// Holds antenna 0 while another thread asks for antennas 0 and 1
/// (in the order given): that thread may wait for 0, but it must not
/// hold 1 meanwhile, so this thread can take antenna 1.
fn waits_holding_nothing(a: usize, b: usize) {
    let antennas = Arc::new(antennas(2));
    let held = antennas[0].lock().unwrap();
    let asking = start({
        let antennas = Arc::clone(&antennas);
        move || drop(lock_pair(&antennas, a, b))
    });
    // Give the other thread time to take antenna 1, if it does.
    thread::sleep(Duration::from_millis(200));
    let deadline = Instant::now() + LIMIT / 2;
    let mut took_antenna_1 = false;
    while !took_antenna_1 && Instant::now() < deadline {
        took_antenna_1 = antennas[1].try_lock().is_ok();
        thread::sleep(Duration::from_millis(1));
    }
    drop(held);
    asking.wait(&format!("lock_pair({a}, {b}) once both were free"));
    assert!(
        took_antenna_1,
        "lock_pair({a}, {b}) held antenna 1 while it waited for \
         antenna 0: with every station doing that, the ring deadlocks"
    );
}

#[test]
fn never_holds_a_higher_antenna_while_waiting() {
    waits_holding_nothing(1, 0);
}

#[test]
fn never_holds_a_higher_antenna_while_waiting_either_way() {
    waits_holding_nothing(0, 1);
}

#[test]
fn the_ring_finishes() {
    let passes =
        within("five stations, 2000 passes each (deadlock?)", || {
            let antennas = antennas(5);
            run_ring(&antennas, 2000);
            antennas
                .into_iter()
                .map(|antenna| antenna.into_inner().unwrap().passes)
                .collect::<Vec<_>>()
        });
    assert_eq!(passes, [4000; 5], "passes counted on each antenna");
}

#[test]
fn a_ring_of_two() {
    let passes = within("two stations sharing two antennas", || {
        let antennas = antennas(2);
        run_ring(&antennas, 500);
        antennas
            .into_iter()
            .map(|antenna| antenna.into_inner().unwrap().passes)
            .collect::<Vec<_>>()
    });
    assert_eq!(passes, [1000; 2], "passes counted on each antenna");
}
