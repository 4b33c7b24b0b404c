"""A shared counter: `primitives` `Mutex`, `AtomicUsize.fetch_add`, or a sum
per thread added up after `join`. Each strategy does a fixed total number
of increments, shared equally by the threads."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from common import Case, Settings, measure, timed_threads

from primitives.sync import Mutex
from primitives.sync.atomic import AtomicUsize, Ordering


def with_mutex(threads: int, each: int) -> float:
    counter = Mutex(0)

    def work(_: int) -> None:
        for _ in range(each):
            with counter.lock().unwrap() as guard:
                guard.value += 1

    elapsed, _ = timed_threads(threads, work)
    assert counter.into_inner().unwrap() == each * threads
    return elapsed


def with_atomic(threads: int, each: int) -> float:
    counter = AtomicUsize(0)

    def work(_: int) -> None:
        for _ in range(each):
            counter.fetch_add(1, Ordering.Relaxed)

    elapsed, _ = timed_threads(threads, work)
    assert counter.into_inner() == each * threads
    return elapsed


def with_partial_sums(threads: int, each: int) -> float:
    def work(_: int) -> int:
        local = 0
        for _ in range(each):
            local += 1
        return local

    elapsed, sums = timed_threads(threads, work)
    assert sum(sums) == each * threads
    return elapsed


# (series, label, total increments, strategy): the totals differ so that
# every run takes a similar time.
STRATEGIES: list[tuple[str, str, int, Callable[[int, int], float]]] = [
    ("python_mutex", "Python Mutex (primitives)", 100_000, with_mutex),
    (
        "python_atomic",
        "Python AtomicUsize.fetch_add (primitives)",
        200_000,
        with_atomic,
    ),
    ("python_partial", "Python per-thread sums", 4_000_000, with_partial_sums),
]


def run(settings: Settings) -> list[Case]:
    cases = []
    for series, label, total, strategy in STRATEGIES:
        for threads in settings.thread_counts():
            each = settings.scaled(total) // threads
            ops = each * threads
            cases.append(
                Case(
                    group="counter",
                    id=f"{series}_{threads}",
                    series=series,
                    label=label,
                    threads=threads,
                    unit="ns per increment",
                    ops=ops,
                    run=partial(strategy, threads, each),
                )
            )
    return measure(settings, cases)
