"""CPU-bound work split over 1, 2, ... threads, and over as many processes.

The job is `CHUNKS` independent runs of the generator in `chunk`; worker `i`
of `n` takes chunks `i`, `i + n`, ... `bench/rust/src/cpu.rs` computes the
same function, and `bench/run.py` checks the two checksums agree.

This module uses the standard library only, so a free-threaded interpreter
without `primitives` installed can run it.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import time
from contextlib import ExitStack
from functools import partial

from common import Case, Settings, measure, timed_threads

CHUNKS = 840
ITERATIONS_PER_CHUNK = 3_000
MASK = 0xFFFFFFFF


def chunk(index: int, iterations: int) -> int:
    state = (index ^ 0x9E3779B9) & MASK
    for _ in range(iterations):
        state = (state * 1103515245 + 12345) & MASK
        state ^= state >> 16
    return state


def share(index: int, workers: int, iterations: int) -> int:
    """The part of the job that worker `index` of `workers` does."""
    return sum(chunk(c, iterations) for c in range(index, CHUNKS, workers))


def _share(args: tuple[int, int, int]) -> int:
    return share(*args)


def checksum(iterations: int) -> int:
    return share(0, 1, iterations)


def checked(total: int, expected: int) -> None:
    if total != expected:
        raise AssertionError(f"checksum {total}, expected {expected}")


def on_threads(threads: int, iterations: int, expected: int) -> float:
    elapsed, sums = timed_threads(
        threads, lambda index: share(index, threads, iterations)
    )
    checked(sum(sums), expected)
    return elapsed


def on_processes(
    pool: multiprocessing.pool.Pool, workers: int, iterations: int, expected: int
) -> float:
    jobs = [(index, workers, iterations) for index in range(workers)]
    start = time.perf_counter()
    sums = pool.map(_share, jobs, chunksize=1)
    elapsed = time.perf_counter() - start
    checked(sum(sums), expected)
    return elapsed


def run(
    settings: Settings, series_prefix: str = "python", label: str = ""
) -> list[Case]:
    """Threads always; processes only for the default (GIL) interpreter."""
    iterations = settings.scaled(ITERATIONS_PER_CHUNK)
    ops = CHUNKS * iterations
    expected = checksum(iterations)
    cases = [
        Case(
            group="cpu",
            id=f"{series_prefix}_threads_{threads}",
            series=f"{series_prefix}_threads",
            label=label or "Python threads",
            threads=threads,
            unit="ns per iteration",
            ops=ops,
            run=partial(on_threads, threads, iterations, expected),
        )
        for threads in settings.thread_counts()
    ]
    if series_prefix != "python":
        return measure(settings, cases)
    with ExitStack() as stack:
        for workers in settings.thread_counts():
            # The pools are started before timing: the samples are the work,
            # not the start-up of the processes.
            pool = stack.enter_context(multiprocessing.Pool(workers))
            cases.append(
                Case(
                    group="cpu",
                    id=f"python_processes_{workers}",
                    series="python_processes",
                    label="Python processes",
                    threads=workers,
                    unit="ns per iteration",
                    ops=ops,
                    run=partial(on_processes, pool, workers, iterations, expected),
                )
            )
        return measure(settings, cases)
