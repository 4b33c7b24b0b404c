"""`primitives` `RwLock` against its `Mutex` on the workloads of
`bench/rust/src/rwlock.rs`: operation `j` of each thread is a write when
`(j * writes) % 100 < writes`; a write bumps one element of a shared list, a
read copies one element out (short) or sums the list (long)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import partial
from typing import Any

from common import Case, Settings, measure, timed_threads

from primitives.sync import Mutex, RwLock

LEN = 1024
OPS_SHORT = 30_000
OPS_LONG = 15_000
#: (name in ids, writes per 100 operations), as in the Rust benchmark.
MIXES = [("read_heavy", 1), ("write_heavy", 50)]

Guarded = Callable[[], AbstractContextManager[Any]]


def workload(
    threads: int, each: int, writes: int, long: bool, read: Guarded, write: Guarded
) -> float:
    def work(_: int) -> int:
        seen = 0
        for j in range(each):
            if (j * writes) % 100 < writes:
                with write() as guard:
                    guard.value[j % LEN] += 1
            else:
                with read() as guard:
                    seen += sum(guard.value) if long else guard.value[j % LEN]
        return seen

    elapsed, _ = timed_threads(threads, work)
    return elapsed


def expected_total(threads: int, each: int, writes: int) -> int:
    per_thread = sum(1 for j in range(each) if (j * writes) % 100 < writes)
    return LEN + per_thread * threads


def with_mutex(threads: int, each: int, writes: int, long: bool) -> float:
    lock = Mutex([1] * LEN)

    def guard() -> AbstractContextManager[Any]:
        return lock.lock().unwrap()

    elapsed = workload(threads, each, writes, long, guard, guard)
    assert sum(lock.into_inner().unwrap()) == expected_total(threads, each, writes)
    return elapsed


def with_rwlock(threads: int, each: int, writes: int, long: bool) -> float:
    lock = RwLock([1] * LEN)

    def read() -> AbstractContextManager[Any]:
        return lock.read().unwrap()

    def write() -> AbstractContextManager[Any]:
        return lock.write().unwrap()

    elapsed = workload(threads, each, writes, long, read, write)
    assert sum(lock.into_inner().unwrap()) == expected_total(threads, each, writes)
    return elapsed


LOCKS: list[tuple[str, str, Callable[[int, int, int, bool], float]]] = [
    ("python_mutex", "Python Mutex (primitives)", with_mutex),
    ("python_rwlock", "Python RwLock (primitives)", with_rwlock),
]


def run(settings: Settings) -> list[Case]:
    threads = settings.max_threads
    cases = []
    for mix, writes in MIXES:
        for long in (False, True):
            each = settings.scaled(OPS_LONG if long else OPS_SHORT)
            ops = each * threads
            section = "long" if long else "short"
            read = f"read sums {LEN} values" if long else "read copies one value"
            for series, name, strategy in LOCKS:
                cases.append(
                    Case(
                        group="rwlock",
                        id=f"{series}_{mix}_{section}",
                        series=series,
                        label=f"{name}, {100 - writes} % reads, {read}",
                        threads=threads,
                        unit="ns per operation",
                        ops=ops,
                        run=partial(strategy, threads, each, writes, long),
                    )
                )
    return measure(settings, cases)
