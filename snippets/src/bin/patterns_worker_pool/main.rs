use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

// --8<-- [start:pool]
/// A unit of work: any closure that can run once on a worker.
type Job = Box<dyn FnOnce() + Send + 'static>;

struct WorkerPool {
    jobs: Sender<Job>,
    workers: Vec<JoinHandle<usize>>,
}

impl WorkerPool {
    fn new(size: usize) -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        // One receiver, shared: whoever holds the lock waits
        // in recv() for the next job.
        let queue = Arc::new(Mutex::new(queue));
        let workers = (0..size)
            .map(|_| {
                let queue = Arc::clone(&queue);
                thread::spawn(move || {
                    let mut done = 0;
                    loop {
                        // The guard is a temporary of this
                        // statement: the lock is released before
                        // the job runs.
                        let next = queue.lock().unwrap().recv();
                        match next {
                            Ok(job) => {
                                job();
                                done += 1;
                            }
                            // Every sender is gone and the queue
                            // is empty: time to stop.
                            Err(_) => return done,
                        }
                    }
                })
            })
            .collect();
        WorkerPool { jobs, workers }
    }

    fn execute(&self, job: impl FnOnce() + Send + 'static) {
        self.jobs.send(Box::new(job)).unwrap();
    }

    /// Close the queue, let the workers finish it, join them.
    /// Returns how many jobs were run.
    fn shutdown(self) -> usize {
        let WorkerPool { jobs, workers } = self;
        drop(jobs); // the only sender: recv() now ends in Err
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    }
}
// --8<-- [end:pool]

// --8<-- [start:main]
fn main() {
    let pool = WorkerPool::new(3);

    // Proof that no worker holds the queue's lock while it runs a
    // job: this job waits for the next one to start, which only
    // another worker, taking the lock, can do.
    let (started, next_started) = mpsc::channel();
    pool.execute(move || {
        let wait = Duration::from_secs(5);
        let next = next_started.recv_timeout(wait);
        assert!(next.is_ok(), "jobs ran one at a time");
    });
    pool.execute(move || started.send(()).unwrap());

    let (results, collected) = mpsc::channel();

    for batch in 1..=6_u64 {
        let results = results.clone();
        pool.execute(move || {
            // Checksum one batch of telemetry frames.
            let frames = (batch - 1) * 1_000 + 1..=batch * 1_000;
            let sum: u64 = frames.map(|f| f * f % 97).sum();
            results.send((batch, sum)).unwrap();
        });
    }
    drop(results); // keep no sender here, or iter() never ends

    let jobs_run = pool.shutdown();
    let mut sums: Vec<_> = collected.iter().collect();
    sums.sort(); // workers finish in any order
    for (batch, sum) in sums {
        println!("batch {batch}: checksum {sum}");
    }
    println!("{jobs_run} jobs run, 3 workers joined");
}
// --8<-- [end:main]
