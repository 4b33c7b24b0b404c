#[path = "../../support/deadline.rs"]
mod deadline;

use std::collections::HashSet;
use std::sync::Arc;

use deadline::{start, within};
use id_allocator::{IdAllocator, StopFlag, run_workers};

/// Every id of every worker, checking that none came twice and that
/// each worker got its ids in increasing order.
fn distinct(per_worker: &[Vec<u32>]) -> HashSet<u32> {
    let mut all = HashSet::new();
    for ids in per_worker {
        assert!(ids.is_sorted(), "a worker's ids went down: {ids:?}");
        for &id in ids {
            assert!(all.insert(id), "id {id} was handed out twice");
        }
    }
    all
}

#[test]
fn ids_start_where_asked() {
    let ids = within("three ids", || {
        let ids = IdAllocator::starting_at(5);
        [(); 3].map(|()| ids.allocate())
    });
    assert_eq!(ids, [Some(5), Some(6), Some(7)]);
}

#[test]
fn no_id_twice_under_many_threads() {
    let per_thread =
        within("8 threads taking 10 000 ids each", || {
            let ids = Arc::new(IdAllocator::starting_at(0));
            // One id first, before any other thread is started.
            assert_eq!(ids.allocate(), Some(0), "the first id");
            let takers: Vec<_> = (0..8)
                .map(|_| {
                    let ids = Arc::clone(&ids);
                    start(move || {
                        (0..10_000)
                            .map(|_| {
                                ids.allocate().expect("ids left")
                            })
                            .collect::<Vec<u32>>()
                    })
                })
                .collect();
            takers
                .into_iter()
                .map(|taker| taker.wait("a thread taking 10 000 ids"))
                .collect::<Vec<_>>()
        });
    let all = distinct(&per_thread);
    assert!(!all.contains(&0), "id 0 was handed out twice");
    assert_eq!(all.len(), 80_000, "distinct ids");
}

#[test]
fn the_last_ids_never_wrap() {
    let (last, after) = within("the last three ids", || {
        let ids = IdAllocator::starting_at(u32::MAX - 3);
        let last = [(); 3].map(|()| ids.allocate());
        let after: Vec<_> =
            (0..1000).filter_map(|_| ids.allocate()).collect();
        (last, after)
    });
    let expected = [u32::MAX - 3, u32::MAX - 2, u32::MAX - 1];
    assert_eq!(last, expected.map(Some));
    assert!(after.is_empty(), "handed out when used up: {after:?}");
}

#[test]
fn the_flag_starts_lowered() {
    let states = within("raising a flag", || {
        let stop = StopFlag::new();
        let before = stop.is_raised();
        stop.raise();
        [before, stop.is_raised()]
    });
    assert_eq!(states, [false, true], "is_raised before and after");
}

#[test]
fn workers_stop_when_the_ids_run_out() {
    let per_worker = within("8 workers using up 5000 ids", || {
        let ids = IdAllocator::starting_at(u32::MAX - 5000);
        run_workers(8, &ids, &StopFlag::new())
    });
    let all = distinct(&per_worker);
    assert_eq!(all.len(), 5000, "distinct ids");
    assert_eq!(all.iter().min(), Some(&(u32::MAX - 5000)));
    assert_eq!(all.iter().max(), Some(&(u32::MAX - 1)));
}

#[test]
fn workers_stop_when_the_flag_is_raised() {
    let ids = Arc::new(IdAllocator::starting_at(0));
    let stop = Arc::new(StopFlag::new());
    assert!(!stop.is_raised(), "a new flag is raised");
    let workers = start({
        let (ids, stop) = (Arc::clone(&ids), Arc::clone(&stop));
        move || run_workers(4, &ids, &stop)
    });
    // Raised while the workers start or run: either way, they stop.
    stop.raise();
    let per_worker =
        workers.wait("4 workers after the flag was raised");
    assert_eq!(per_worker.len(), 4, "workers");
    let taken = distinct(&per_worker).len() as u32;
    assert_eq!(
        ids.allocate(),
        Some(taken),
        "the next id after the workers' {taken}"
    );
}
