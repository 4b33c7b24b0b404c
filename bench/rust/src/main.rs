//! The Rust half of the benchmarks behind `docs/benchmarks.md`.
//!
//! ```text
//! concurrency-bench [--repeats N] [--max-threads N] [--scale F] [--only GROUP]
//! concurrency-bench --checksum ITERATIONS_PER_CHUNK
//! ```
//!
//! Prints one JSON object, `{"cases": [...]}`, to stdout. Each case carries
//! its raw samples (wall time divided by the number of operations, in
//! nanoseconds); `bench/run.py` computes medians and spreads, so the Rust and
//! the Python cases are summarised by the same code. The cases of a group
//! are measured in interleaved rounds (see `harness::measure`).

mod arc;
mod channels;
mod counter;
mod cpu;
mod false_sharing;
mod harness;
mod lock;
mod rwlock;

use harness::{Case, Config};

type Group = (&'static str, fn(&Config) -> Vec<Case>);

const GROUPS: [Group; 7] = [
    ("cpu", cpu::run),
    ("counter", counter::run),
    ("lock", lock::run),
    ("rwlock", rwlock::run),
    ("channels", channels::run),
    ("arc", arc::run),
    ("false_sharing", false_sharing::run),
];

fn main() {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("concurrency-bench: {message}");
            std::process::exit(2);
        }
    };
    if let Some(iterations) = config.checksum {
        println!("{}", cpu::checksum(iterations));
        return;
    }
    let mut cases = Vec::new();
    for (name, run) in GROUPS {
        if config.wants(name) {
            eprintln!("rust: {name}");
            cases.extend(harness::measure(&config, run(&config)));
        }
    }
    println!("{}", harness::to_json(&cases));
}
