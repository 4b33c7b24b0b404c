//! CPU-bound work split over 1, 2, ... threads.
//!
//! The job is `CHUNKS` independent runs of a small pseudo-random generator
//! (a linear congruential step, then an xor-shift, which keeps the compiler
//! from folding several steps into one); thread
//! `i` of `n` takes chunks `i`, `i + n`, ... (840 splits evenly over 1 to 8
//! threads). The checksum is the same for every thread count, and
//! `bench/python/cpu.py` computes the same function, so `bench/run.py` can
//! check that both languages did the same work.
//!
//! The rayon series does the same job as one `par_iter` over the chunks, on
//! a rayon pool of `n` threads built before the clock starts; rayon splits
//! the range and balances it between its threads by work stealing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::harness::{Case, Config, timed_threads};

pub const CHUNKS: u64 = 840;
const ITERATIONS_PER_CHUNK: u64 = 120_000;

fn chunk(index: u64, iterations: u64) -> u32 {
    let mut state = (index as u32) ^ 0x9E37_79B9;
    for _ in 0..iterations {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        state ^= state >> 16;
    }
    state
}

fn job(threads: usize, iterations: u64) -> (Duration, u64) {
    let (elapsed, sums) = timed_threads(threads, |index| {
        (index as u64..CHUNKS)
            .step_by(threads)
            .map(|c| u64::from(chunk(c, black_box(iterations))))
            .sum::<u64>()
    });
    (elapsed, sums.iter().sum())
}

fn rayon_job(pool: &rayon::ThreadPool, iterations: u64) -> (Duration, u64) {
    let start = Instant::now();
    let sum = pool.install(|| {
        (0..CHUNKS)
            .into_par_iter()
            .map(|c| u64::from(chunk(c, black_box(iterations))))
            .sum()
    });
    (start.elapsed(), sum)
}

/// The job's checksum at a given size, on one thread.
pub fn checksum(iterations: u64) -> u64 {
    job(1, iterations).1
}

pub fn run(config: &Config) -> Vec<Case> {
    let iterations = config.scaled(ITERATIONS_PER_CHUNK);
    let ops = CHUNKS * iterations;
    let expected = checksum(iterations);
    let scoped = config.thread_counts().map(move |threads| Case {
        group: "cpu",
        id: format!("rust_threads_{threads}"),
        series: "rust_threads",
        label: "Rust threads".into(),
        threads,
        unit: "ns per iteration",
        ops,
        run: Box::new(move || {
            let (elapsed, sum) = job(threads, iterations);
            assert_eq!(sum, expected, "threads changed the result");
            elapsed
        }),
    });
    let rayon = config.thread_counts().map(move |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("cannot start a rayon pool");
        Case {
            group: "cpu",
            id: format!("rust_rayon_{threads}"),
            series: "rust_rayon",
            label: "Rust rayon".into(),
            threads,
            unit: "ns per iteration",
            ops,
            run: Box::new(move || {
                let (elapsed, sum) = rayon_job(&pool, iterations);
                assert_eq!(sum, expected, "rayon changed the result");
                elapsed
            }),
        }
    });
    scoped.chain(rayon).collect()
}
