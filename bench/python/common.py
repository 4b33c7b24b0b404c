"""Timing and case records shared by the Python benchmarks.

Every case records raw samples: a run's wall time divided by its number of
operations, in nanoseconds, measured in interleaved rounds (see `measure`).
`bench/run.py` turns samples into medians and spreads for the Rust and the
Python cases alike.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar, cast

R = TypeVar("R")

#: No benchmark thread may take longer than this; a hang fails the run.
TIMEOUT = 120.0


@dataclass(frozen=True)
class Settings:
    repeats: int = 5
    max_threads: int = 1
    scale: float = 1.0

    def scaled(self, size: int) -> int:
        """A workload size for this run: `--scale` shrinks it for smoke tests."""
        return max(1, int(size * self.scale))

    def thread_counts(self) -> range:
        return range(1, self.max_threads + 1)


@dataclass
class Case:
    """One benchmark case: what is measured, how to run it once (`run`
    returns the run's wall time in seconds), and the samples taken."""

    group: str
    id: str
    series: str
    label: str
    threads: int
    unit: str
    ops: int
    run: Callable[[], float] = field(repr=False)
    samples: list[float] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "run"}


def measure(settings: Settings, cases: list[Case]) -> list[Case]:
    """Run every case once to warm up, then `repeats` rounds of one run per
    case, each round starting one case later. Interleaving the cases means a
    burst of load from elsewhere on the machine slows one run of several
    cases, which the medians absorb, rather than every run of one case."""
    for case in cases:
        case.run()
    for round_ in range(settings.repeats):
        for offset in range(len(cases)):
            case = cases[(round_ + offset) % len(cases)]
            case.samples.append(case.run() * 1e9 / case.ops)
    return cases


def timed_threads(threads: int, work: Callable[[int], R]) -> tuple[float, list[R]]:
    """Run `work(index)` on `threads` new threads released together by a
    barrier; return the seconds from the first thread's start to the last
    thread's end, and the results in index order.

    Each thread reads the clock itself: the spawning thread may not run again
    until the workers are done, so its own readings could miss the work."""
    barrier = threading.Barrier(threads, timeout=TIMEOUT)
    starts = [0.0] * threads
    ends = [0.0] * threads
    results: list[R | None] = [None] * threads
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            starts[index] = time.perf_counter()
            results[index] = work(index)
            ends[index] = time.perf_counter()
        except BaseException as error:
            errors.append(error)
            barrier.abort()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(TIMEOUT)
    if any(worker.is_alive() for worker in workers):
        raise TimeoutError(f"a benchmark thread ran longer than {TIMEOUT} s")
    if errors:
        raise RuntimeError("a benchmark thread failed") from errors[0]
    return max(ends) - min(starts), cast("list[R]", results)
