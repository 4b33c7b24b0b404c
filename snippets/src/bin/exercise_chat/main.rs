// --8<-- [start:main]
use std::fmt;
use std::sync::mpsc;
use std::thread;

/// One chat line: who sent it, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Message {
    from: String,
    text: String,
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.from, self.text)
    }
}

/// Each user is a thread that sends its lines, in order, to one
/// receiver. Returns every message in the order it arrived.
fn run_chat(users: Vec<(String, Vec<String>)>) -> Vec<Message> {
    let (tx, rx) = mpsc::channel();
    let mut handles = Vec::new();
    for (name, lines) in users {
        let tx = tx.clone(); // every user owns a sender
        handles.push(thread::spawn(move || {
            for text in lines {
                let from = name.clone();
                tx.send(Message { from, text }).unwrap();
            }
        })); // the user's sender is dropped when its thread ends
    }
    drop(tx); // or the loop below would wait for it forever
    let transcript: Vec<Message> = rx.iter().collect();
    for handle in handles {
        handle.join().unwrap();
    }
    transcript
}

fn main() {
    let script = |name: &str, lines: &[&str]| {
        let lines = lines.iter().map(|l| l.to_string()).collect();
        (name.to_string(), lines)
    };
    let mut transcript = run_chat(vec![
        script("kiruna", &["AOS SAT-7", "LOS SAT-7"]),
        script(
            "svalbard",
            &["AOS SAT-12", "low signal", "LOS SAT-12"],
        ),
        script("hartebeesthoek", &["standing by"]),
    ]);
    println!("{} messages received", transcript.len());
    // Arrival order varies from run to run; each sender's own order
    // does not. A stable sort by sender keeps that order.
    transcript.sort_by(|a, b| a.from.cmp(&b.from));
    for message in &transcript {
        println!("{message}");
    }
}
// --8<-- [end:main]

// --8<-- [start:tests]
#[cfg(test)]
mod tests {
    use super::{Message, run_chat};
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    // run_chat on a thread of its own, so that a chat that never ends
    // (a Sender left alive) fails the test instead of hanging it.
    fn finished_chat(
        users: Vec<(String, Vec<String>)>,
    ) -> Vec<Message> {
        let (done, result) = mpsc::channel();
        thread::spawn(move || {
            let _ = done.send(run_chat(users));
        });
        result.recv_timeout(Duration::from_secs(10)).expect(
            "run_chat still running after 10 s: drop every Sender",
        )
    }

    fn lines(prefix: &str, count: usize) -> Vec<String> {
        (1..=count).map(|n| format!("{prefix} {n}")).collect()
    }

    #[test]
    fn a_message_shows_its_sender() {
        let message = Message {
            from: "kiruna".into(),
            text: "AOS".into(),
        };
        assert_eq!(message.to_string(), "kiruna: AOS");
    }

    #[test]
    fn a_chat_without_users_ends_at_once() {
        assert!(finished_chat(Vec::new()).is_empty());
    }

    #[test]
    fn every_message_arrives_exactly_once() {
        let users: Vec<_> = (0..20)
            .map(|u| (format!("user{u}"), lines("line", 50)))
            .collect();
        let mut got: Vec<String> = finished_chat(users)
            .iter()
            .map(|m| m.to_string())
            .collect();
        let mut sent: Vec<String> = (0..20)
            .flat_map(|u| {
                lines("line", 50)
                    .into_iter()
                    .map(move |l| format!("user{u}: {l}"))
            })
            .collect();
        got.sort();
        sent.sort();
        assert_eq!(got, sent);
    }

    #[test]
    fn each_sender_keeps_its_own_order() {
        let users = vec![
            ("ada".to_string(), lines("a", 100)),
            ("bob".to_string(), lines("b", 100)),
        ];
        let transcript = finished_chat(users);
        for (name, prefix) in [("ada", "a"), ("bob", "b")] {
            let theirs: Vec<String> = transcript
                .iter()
                .filter(|m| m.from == name)
                .map(|m| m.text.clone())
                .collect();
            assert_eq!(theirs, lines(prefix, 100));
        }
    }
}
// --8<-- [end:tests]
