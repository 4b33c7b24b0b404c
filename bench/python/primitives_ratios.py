"""The cost of `primitives`' round trips next to the `threading`/`queue` parts
they are built from, as ratios measured in one run.

    python bench/python/primitives_ratios.py [ROUNDS]

Each case is one round trip on one thread, uncontended: a `Mutex` lock and
release against a `threading.Lock`, a message sent and received on a
`channel()` (and a `sync_channel(1)`) against a `queue.SimpleQueue`. The cases
are timed in interleaved rounds of `CALLS` calls each, on this thread's CPU
clock (`time.thread_time`), so that other work on the machine counts as little
as possible; a case's cost is its fastest round, and a ratio divides two such
costs.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
import timeit
from collections.abc import Callable

from primitives.sync import Mutex, mpsc

CALLS = 20_000
ROUNDS = 30


def cases() -> dict[str, Callable[[], object]]:
    lock = threading.Lock()
    mutex = Mutex(0)
    simple: queue.SimpleQueue[int] = queue.SimpleQueue()
    tx, rx = mpsc.channel()
    sync_tx, sync_rx = mpsc.sync_channel(1)

    def lock_round_trip() -> None:
        with lock:
            pass

    def mutex_round_trip() -> None:
        with mutex.lock().unwrap():
            pass

    def simple_queue_round_trip() -> None:
        simple.put(1)
        simple.get()

    def channel_round_trip() -> None:
        tx.send(1)
        rx.recv()

    def sync_channel_round_trip() -> None:
        sync_tx.send(1)
        sync_rx.recv()

    return {
        "threading.Lock": lock_round_trip,
        "Mutex": mutex_round_trip,
        "queue.SimpleQueue": simple_queue_round_trip,
        "channel": channel_round_trip,
        "sync_channel(1)": sync_channel_round_trip,
    }


def fastest(rounds: int) -> dict[str, float]:
    """Nanoseconds per call of each case: its fastest of `rounds` rounds."""
    timed = cases()
    best = dict.fromkeys(timed, float("inf"))
    for _ in range(rounds):
        for name, call in timed.items():
            seconds = timeit.timeit(call, number=CALLS, timer=time.thread_time)
            best[name] = min(best[name], seconds / CALLS * 1e9)
    return best


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS
    best = fastest(rounds)
    for name, nanos in best.items():
        print(f"{name:>18}: {nanos:8.1f} ns")
    for case, baseline in (
        ("Mutex", "threading.Lock"),
        ("channel", "queue.SimpleQueue"),
        ("sync_channel(1)", "queue.SimpleQueue"),
    ):
        print(f"{case} / {baseline}: {best[case] / best[baseline]:.2f}x")


if __name__ == "__main__":
    main()
