"""Channel throughput: one producer thread sends the numbers `0..n`, one
consumer thread receives and adds them up. `primitives` channels close when
the sender is dropped; the `queue` classes have no such signal, so their
producer sends a final `None`."""

from __future__ import annotations

import queue
from collections.abc import Callable
from functools import partial

from common import Case, Settings, measure, timed_threads

from primitives import drop
from primitives.sync import mpsc

BOUND = 1024


def check(n: int, sums: list[int]) -> None:
    assert sums[1] == n * (n - 1) // 2, "messages lost or duplicated"


def with_channel(n: int, bound: int | None) -> float:
    tx, rx = mpsc.channel() if bound is None else mpsc.sync_channel(bound)

    def work(index: int) -> int:
        if index == 0:
            for i in range(n):
                tx.send(i).unwrap()
            drop(tx)
            return 0
        return sum(rx)

    elapsed, sums = timed_threads(2, work)
    check(n, sums)
    return elapsed


def with_queue(n: int, bound: int | None) -> float:
    q: queue.SimpleQueue[int | None] | queue.Queue[int | None] = (
        queue.SimpleQueue() if bound is None else queue.Queue(bound)
    )

    def work(index: int) -> int:
        if index == 0:
            for i in range(n):
                q.put(i)
            q.put(None)
            return 0
        total = 0
        while (item := q.get()) is not None:
            total += item
        return total

    elapsed, sums = timed_threads(2, work)
    check(n, sums)
    return elapsed


KINDS: list[tuple[str, str, int, Callable[[int], float]]] = [
    (
        "python_channel",
        "Python mpsc.channel() (primitives)",
        100_000,
        partial(with_channel, bound=None),
    ),
    (
        "python_sync_channel",
        f"Python mpsc.sync_channel({BOUND}) (primitives)",
        100_000,
        partial(with_channel, bound=BOUND),
    ),
    (
        "python_simple_queue",
        "Python queue.SimpleQueue",
        300_000,
        partial(with_queue, bound=None),
    ),
    (
        "python_queue",
        f"Python queue.Queue({BOUND})",
        100_000,
        partial(with_queue, bound=BOUND),
    ),
]


def run(settings: Settings) -> list[Case]:
    cases = []
    for series, label, messages, kind in KINDS:
        n = max(2, settings.scaled(messages))
        cases.append(
            Case(
                group="channels",
                id=series,
                series=series,
                label=label,
                threads=2,
                unit="ns per message",
                ops=n,
                run=partial(kind, n),
            )
        )
    return measure(settings, cases)
