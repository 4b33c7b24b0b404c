#[path = "../../support/deadline.rs"]
mod deadline;

use std::thread;

use deadline::within;
use station_registry::{Registry, Station, answer_all};

fn registry() -> Registry {
    let station = |name: &str, max_uplink_kbps| Station {
        name: name.to_owned(),
        max_uplink_kbps,
    };
    Registry::new(vec![
        station("Kiruna", 2_048),
        station("Svalbard", 4_096),
        station("Awarua", 1_024),
    ])
}

#[test]
fn answers_in_the_order_asked() {
    let answers = within("four lookups", || {
        let names = ["Awarua", "Goonhilly", "Kiruna", "Awarua"];
        answer_all(&registry(), &names)
    });
    assert_eq!(
        answers,
        [Some(1_024), None, Some(2_048), Some(1_024)]
    );
}

#[test]
fn no_lookup_is_lost() {
    let lookups = within("200 lookups", || {
        let registry = registry();
        let names = ["Svalbard"; 200];
        let answers = answer_all(&registry, &names);
        assert_eq!(answers, [Some(4_096); 200]);
        registry.lookups()
    });
    assert_eq!(lookups, 200, "lookups counted");
}

#[test]
fn each_name_on_a_thread_of_its_own() {
    let (caller, threads) = within("50 lookups", || {
        let registry = registry();
        answer_all(&registry, &["Kiruna"; 50]);
        (thread::current().id(), registry.lookup_threads())
    });
    assert!(
        !threads.contains(&caller),
        "a lookup ran on the calling thread"
    );
    assert_eq!(threads.len(), 50, "threads that made lookups");
}

#[test]
fn no_names_no_lookups() {
    let (answers, lookups) = within("no lookups", || {
        let registry = registry();
        let answers = answer_all(&registry, &[]);
        (answers, registry.lookups())
    });
    assert!(answers.is_empty(), "answers: {answers:?}");
    assert_eq!(lookups, 0);
}
