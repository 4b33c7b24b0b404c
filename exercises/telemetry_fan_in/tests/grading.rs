#[path = "../../support/deadline.rs"]
mod deadline;

use std::collections::BTreeMap;
use std::sync::mpsc;

use deadline::within;
use telemetry_fan_in::{Reading, Station, start, summarise};

fn finite(id: u32, count: i64) -> Station {
    Station {
        id,
        values: Box::new((0..count).map(move |value| value * 10)),
    }
}

fn endless(id: u32) -> Station {
    Station {
        id,
        values: Box::new((0..).map(|value: i64| value % 7)),
    }
}

#[test]
fn every_reading_arrives_once_in_station_order() {
    let received: Vec<Reading> = within(
        "receiving until every station is done (is a Sender left?)",
        || {
            let stations = (0..5).map(|id| finite(id, 100)).collect();
            start(stations).readings.iter().collect()
        },
    );
    assert_eq!(received.len(), 500, "readings received");
    for id in 0..5 {
        let own: Vec<(u32, i64)> = received
            .iter()
            .filter(|reading| reading.station == id)
            .map(|reading| (reading.sequence, reading.value))
            .collect();
        let expected: Vec<(u32, i64)> =
            (0..100).map(|n| (n, i64::from(n) * 10)).collect();
        assert_eq!(own, expected, "station {id}'s readings");
    }
}

#[test]
fn stations_report_what_they_sent() {
    let sent = within("joining stations that ran out", || {
        let fan_in = start(vec![finite(1, 3), finite(2, 0)]);
        let received = fan_in.readings.iter().count();
        let sent: Vec<u32> = fan_in
            .stations
            .into_iter()
            .map(|station| {
                station.join().expect("a station panicked")
            })
            .collect();
        (received, sent)
    });
    assert_eq!(sent, (3, vec![3, 0]), "(received, sent by each)");
}

#[test]
fn no_stations_no_wait() {
    let received = within(
        "receiving from no station (is a Sender left?)",
        || start(Vec::new()).readings.iter().count(),
    );
    assert_eq!(received, 0);
}

#[test]
fn hanging_up_stops_endless_stations() {
    let joined = within(
        "joining endless stations after the receiver was dropped",
        || {
            let fan_in = start((0..3).map(endless).collect());
            let first: Vec<Reading> =
                fan_in.readings.iter().take(30).collect();
            drop(fan_in.readings);
            let joined: Vec<_> = fan_in
                .stations
                .into_iter()
                .map(|station| station.join().is_ok())
                .collect();
            (first.len(), joined)
        },
    );
    assert_eq!(
        joined,
        (30, vec![true; 3]),
        "(readings taken, each station ended without a panic)"
    );
}

#[test]
fn summary_per_station() {
    let summary = within("summarising every station", || {
        summarise(start(vec![finite(4, 10), finite(9, 3)]).readings)
    });
    let expected = BTreeMap::from([(4, (10, 450)), (9, (3, 30))]);
    assert_eq!(summary, expected, "station: (count, sum)");
}

#[test]
fn summary_ends_when_the_senders_are_gone() {
    let summary = within("summarising a closed channel", || {
        let (sender, receiver) = mpsc::channel();
        for (station, value) in [(2, 5), (2, -1), (3, 8)] {
            let reading = Reading {
                station,
                sequence: 0,
                value,
            };
            sender.send(reading).unwrap();
        }
        drop(sender);
        summarise(receiver)
    });
    let expected = BTreeMap::from([(2, (2, 4)), (3, (1, 8))]);
    assert_eq!(summary, expected, "station: (count, sum)");
}
