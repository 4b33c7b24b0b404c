#[path = "../../support/deadline.rs"]
mod deadline;

use std::collections::HashSet;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use deadline::{LIMIT, start, within};
use session_table::{Link, SatelliteId, Session, SessionTable};

/// A link that answers at once.
struct QuickLink(u32);

impl Link for QuickLink {
    fn next_pass(&self, _: SatelliteId) -> u32 {
        self.0
    }
}

/// A link that says when it is called, then answers only when told to
/// (or after `LIMIT`, so that it never blocks for good).
struct SlowLink {
    called: Mutex<Sender<()>>,
    answer: Mutex<Receiver<()>>,
}

impl Link for SlowLink {
    fn next_pass(&self, _: SatelliteId) -> u32 {
        self.called.lock().unwrap().send(()).unwrap();
        let _ = self.answer.lock().unwrap().recv_timeout(LIMIT);
        600
    }
}

#[test]
fn a_session_opens_once() {
    let opened = within("opening sessions", || {
        let table = SessionTable::new();
        [table.open(7), table.open(7), table.open(8)]
    });
    assert_eq!(opened, [true, false, true]);
}

#[test]
fn no_command_is_lost() {
    let (counts, session) =
        within("16 threads sending 1000 commands", || {
            let table = Arc::new(SessionTable::new());
            table.open(1);
            let senders: Vec<_> = (0..16)
                .map(|_| {
                    let table = Arc::clone(&table);
                    start(move || {
                        (0..1000)
                            .map(|_| table.record_command(1))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            let counts: Vec<Option<u32>> = senders
                .into_iter()
                .flat_map(|sender| {
                    sender.wait("a thread sending 1000")
                })
                .collect();
            (counts, table.session(1))
        });
    let distinct: HashSet<_> = counts.iter().collect();
    assert_eq!(distinct.len(), 16_000, "distinct counts returned");
    assert_eq!(session.map(|s| s.commands_sent), Some(16_000));
}

#[test]
fn unknown_satellites_have_no_session() {
    let answers = within("asking about satellite 99", || {
        let table = SessionTable::new();
        table.open(1);
        (
            table.record_command(99),
            table.refresh_pass(99, &QuickLink(5)),
            table.session(99),
        )
    });
    assert_eq!(answers, (None, false, None));
}

#[test]
fn a_refresh_stores_the_next_pass() {
    let session = within("refreshing satellite 5", || {
        let table = SessionTable::new();
        table.open(5);
        table.record_command(5);
        assert!(
            table.refresh_pass(5, &QuickLink(42)),
            "refresh_pass"
        );
        table.session(5)
    });
    let expected = Session {
        commands_sent: 1,
        next_pass: Some(42),
    };
    assert_eq!(session, Some(expected));
}

#[test]
fn the_table_is_unlocked_while_the_link_answers() {
    let table = Arc::new(SessionTable::new());
    table.open(3);
    let (called, link_called) = mpsc::channel();
    let (answer_now, answer) = mpsc::channel();
    let link = SlowLink {
        called: Mutex::new(called),
        answer: Mutex::new(answer),
    };
    let refresher = start({
        let table = Arc::clone(&table);
        move || table.refresh_pass(3, &link)
    });
    link_called
        .recv_timeout(LIMIT)
        .expect("refresh_pass never called the link");
    // While the link is answering, another connection sends a command.
    let (sent, command_sent) = mpsc::channel();
    let other = start({
        let table = Arc::clone(&table);
        move || sent.send(table.record_command(3))
    });
    let during_the_call = command_sent.recv_timeout(LIMIT / 2);
    answer_now.send(()).unwrap();
    assert_eq!(
        during_the_call,
        Ok(Some(1)),
        "another thread could not use the table while the link was \
         answering: the table stayed locked across the slow call"
    );
    assert!(refresher.wait("refresh_pass, answered"), "refresh_pass");
    other
        .wait("the other thread's command")
        .expect("the test receives until it has the command");
    let expected = Session {
        commands_sent: 1,
        next_pass: Some(600),
    };
    assert_eq!(table.session(3), Some(expected));
}
