//! Command line, timing and JSON output shared by every group.

use std::fmt::Write as _;
use std::ops::RangeInclusive;
use std::sync::Barrier;
use std::thread;
use std::time::{Duration, Instant};

pub struct Config {
    pub repeats: usize,
    pub max_threads: usize,
    pub scale: f64,
    pub only: Vec<String>,
    pub checksum: Option<u64>,
}

impl Config {
    pub fn from_args(mut args: impl Iterator<Item = String>) -> Result<Config, String> {
        let mut config = Config {
            repeats: 7,
            max_threads: thread::available_parallelism().map_or(1, |n| n.get()),
            scale: 1.0,
            only: Vec::new(),
            checksum: None,
        };
        while let Some(flag) = args.next() {
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let bad = |_| format!("bad value for {flag}: {value}");
            match flag.as_str() {
                "--repeats" => config.repeats = value.parse().map_err(bad)?,
                "--max-threads" => {
                    config.max_threads = value.parse().map_err(bad)?;
                }
                "--scale" => {
                    config.scale = value
                        .parse()
                        .map_err(|_| format!("bad value for {flag}: {value}"))?;
                }
                "--only" => config.only.push(value),
                "--checksum" => {
                    config.checksum = Some(value.parse().map_err(bad)?);
                }
                _ => return Err(format!("unknown argument {flag}")),
            }
        }
        if config.repeats == 0 || config.max_threads == 0 {
            return Err("--repeats and --max-threads must be at least 1".into());
        }
        if !(config.scale > 0.0 && config.scale <= 1.0) {
            return Err("--scale must be in (0, 1]".into());
        }
        Ok(config)
    }

    pub fn wants(&self, group: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|name| name == group)
    }

    /// A workload size for this run: `--scale` shrinks it for smoke tests.
    pub fn scaled(&self, size: u64) -> u64 {
        ((size as f64 * self.scale) as u64).max(1)
    }

    pub fn thread_counts(&self) -> RangeInclusive<usize> {
        1..=self.max_threads
    }
}

/// One run of a case: returns its wall time.
pub type Run = Box<dyn FnMut() -> Duration>;

/// One benchmark case: what is measured, and how to run it once.
pub struct Case {
    pub group: &'static str,
    pub id: String,
    pub series: &'static str,
    pub label: String,
    pub threads: usize,
    pub unit: &'static str,
    pub ops: u64,
    pub run: Run,
}

/// A case's raw samples: each run's wall time divided by its `ops`, in
/// nanoseconds.
pub struct Measured {
    pub case: Case,
    pub samples: Vec<f64>,
}

/// Runs every case once to warm up, then `repeats` rounds of one run per
/// case, each round starting one case later. Interleaving the cases means
/// a burst of load from elsewhere on the machine slows one run of several
/// cases, which the medians absorb, rather than every run of one case.
pub fn measure(config: &Config, cases: Vec<Case>) -> Vec<Measured> {
    let mut measured: Vec<Measured> = cases
        .into_iter()
        .map(|mut case| {
            (case.run)();
            Measured {
                case,
                samples: Vec::new(),
            }
        })
        .collect();
    let count = measured.len();
    for round in 0..config.repeats {
        for offset in 0..count {
            let m = &mut measured[(round + offset) % count];
            let elapsed = (m.case.run)();
            m.samples
                .push(elapsed.as_nanos() as f64 / m.case.ops as f64);
        }
    }
    measured
}

/// Runs `work(index)` on `threads` new threads, released together by a
/// barrier. Returns the wall time from the first thread's start to the last
/// thread's end, and the threads' results in index order.
///
/// Each thread reads the clock itself: the spawning thread may not be
/// scheduled again until the workers are done, so its own clock readings
/// would miss the work.
pub fn timed_threads<R: Send>(
    threads: usize,
    work: impl Fn(usize) -> R + Sync,
) -> (Duration, Vec<R>) {
    let barrier = Barrier::new(threads);
    let timed: Vec<(Instant, R, Instant)> = thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|index| {
                let (barrier, work) = (&barrier, &work);
                s.spawn(move || {
                    barrier.wait();
                    let start = Instant::now();
                    let result = work(index);
                    (start, result, Instant::now())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a benchmark thread panicked"))
            .collect()
    });
    span(timed)
}

/// The span from the earliest start to the latest end, and the results.
pub fn span<R>(timed: Vec<(Instant, R, Instant)>) -> (Duration, Vec<R>) {
    let first = timed.iter().map(|t| t.0).min().expect("no threads");
    let last = timed.iter().map(|t| t.2).max().expect("no threads");
    let results = timed.into_iter().map(|t| t.1).collect();
    (last - first, results)
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn to_json(measured: &[Measured]) -> String {
    let mut out = String::from("{\"cases\": [");
    for (n, Measured { case, samples }) in measured.iter().enumerate() {
        let samples: Vec<String> = samples.iter().map(|s| format!("{s:?}")).collect();
        let _ = write!(
            out,
            "{}\n  {{\"group\": {}, \"id\": {}, \"series\": {}, \
             \"label\": {}, \"threads\": {}, \"unit\": {}, \"ops\": {}, \
             \"samples\": [{}]}}",
            if n == 0 { "" } else { "," },
            json_string(case.group),
            json_string(&case.id),
            json_string(case.series),
            json_string(&case.label),
            case.threads,
            json_string(case.unit),
            case.ops,
            samples.join(", "),
        );
    }
    out.push_str("\n]}");
    out
}
