"""Benchmarks of the `primitives` hot paths against the `threading`/`queue`
building blocks they are made of. Run with `pytest bench/test_primitives_bench.py`.

Each benchmark times one round trip per call, uncontended, on one thread:
the ratios compare the cost of the Rust-shaped API (guards, `Result`s,
poisoning, disconnection) with the bare primitive.
"""

from __future__ import annotations

import queue
import threading
from typing import Any

import pytest

from primitives.sync import Mutex, mpsc
from primitives.sync.atomic import AtomicUsize, Ordering

pytestmark = pytest.mark.benchmark(min_rounds=20, warmup=True)


@pytest.mark.benchmark(group="lock round trip")
def test_threading_lock(benchmark: Any) -> None:
    lock = threading.Lock()

    def round_trip() -> None:
        with lock:
            pass

    benchmark(round_trip)


@pytest.mark.benchmark(group="lock round trip")
def test_mutex_lock(benchmark: Any) -> None:
    mutex = Mutex(0)

    def round_trip() -> None:
        with mutex.lock().unwrap():
            pass

    benchmark(round_trip)


@pytest.mark.benchmark(group="message round trip")
def test_simple_queue(benchmark: Any) -> None:
    q: queue.SimpleQueue[int] = queue.SimpleQueue()

    def round_trip() -> None:
        q.put(1)
        q.get()

    benchmark(round_trip)


@pytest.mark.benchmark(group="message round trip")
def test_channel(benchmark: Any) -> None:
    tx, rx = mpsc.channel()

    def round_trip() -> None:
        tx.send(1)
        rx.recv()

    benchmark(round_trip)


@pytest.mark.benchmark(group="message round trip")
def test_sync_channel(benchmark: Any) -> None:
    tx, rx = mpsc.sync_channel(1)

    def round_trip() -> None:
        tx.send(1)
        rx.recv()

    benchmark(round_trip)


@pytest.mark.benchmark(group="counter increment")
def test_atomic_fetch_add(benchmark: Any) -> None:
    counter = AtomicUsize(0)

    def increment() -> None:
        counter.fetch_add(1, Ordering.Relaxed)

    benchmark(increment)


@pytest.mark.benchmark(group="counter increment")
def test_mutex_increment(benchmark: Any) -> None:
    counter = Mutex(0)

    def increment() -> None:
        with counter.lock().unwrap() as n:
            n.value += 1

    benchmark(increment)
