// --8<-- [start:main]
use std::sync::mpsc;
use std::thread;

/// Jobs: what the worker is asked to do.
enum Command {
    Uplink { satellite: u32, bytes: usize },
    Shutdown,
}

/// Events: what has happened, reported back.
enum Event {
    Sent { satellite: u32, bytes: usize },
    Stopped { jobs_done: u32 },
}

fn main() {
    let (jobs, job_rx) = mpsc::channel();
    let (event_tx, events) = mpsc::channel();

    let worker = thread::spawn(move || {
        let mut done = 0;
        for command in job_rx {
            match command {
                Command::Uplink { satellite, bytes } => {
                    done += 1;
                    let event = Event::Sent { satellite, bytes };
                    event_tx.send(event).unwrap();
                }
                Command::Shutdown => break,
            }
        }
        event_tx.send(Event::Stopped { jobs_done: done }).unwrap();
    });

    jobs.send(Command::Uplink {
        satellite: 7,
        bytes: 512,
    })
    .unwrap();
    jobs.send(Command::Uplink {
        satellite: 9,
        bytes: 64,
    })
    .unwrap();
    jobs.send(Command::Shutdown).unwrap();

    for event in events {
        match event {
            Event::Sent { satellite, bytes } => {
                println!("sent {bytes} bytes to SAT-{satellite}")
            }
            Event::Stopped { jobs_done } => {
                println!("worker stopped after {jobs_done} jobs")
            }
        }
    }
    worker.join().unwrap();
}
// --8<-- [end:main]
