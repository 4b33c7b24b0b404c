"""Stress tests: many threads, many operations, invariants checked at the end.

Every wait in here is bounded, so a bug shows up as a failed assertion rather
than a hang.
"""

# Default arguments are how values move into threads: B008 is the point here.
# ruff: noqa: B008
from __future__ import annotations

import sys
import threading
from collections import deque
from typing import Any

import pytest
from prim_helpers import join

from primitives import Ok, thread
from primitives.sync import Arc, Condvar, Mutex, RwLock, mpsc
from primitives.sync.atomic import AtomicUsize, Ordering
from primitives.time import Duration

THREADS = 8
LONG = Duration.from_secs(10)


@pytest.fixture(autouse=True)
def frequent_thread_switches() -> Any:
    """Switch threads every 20 µs instead of every 5 ms, to interleave more."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(2e-5)
    yield
    sys.setswitchinterval(previous)


def test_mutex_counter_loses_no_update() -> None:
    counter = Arc(Mutex(0))
    per_thread = 2_000

    def work(counter: Arc[Mutex[int]]) -> None:
        for _ in range(per_thread):
            with counter.lock().unwrap() as n:
                n.value += 1

    handles = [thread.spawn(lambda c=counter.clone(): work(c)) for _ in range(THREADS)]
    assert [join(h) for h in handles] == [Ok(None)] * THREADS
    assert counter.lock().unwrap().value == THREADS * per_thread
    assert Arc.strong_count(counter) == 1


def test_temporary_guards_lose_no_update() -> None:
    counter = Mutex(0)

    def work() -> None:
        for _ in range(1_000):
            counter.lock().unwrap().value += 1

    handles = [thread.spawn(work) for _ in range(4)]
    for h in handles:
        join(h)
    assert counter.into_inner() == Ok(4_000)


def test_atomic_counter_loses_no_update() -> None:
    hits = AtomicUsize(0)
    per_thread = 5_000

    def work() -> None:
        for _ in range(per_thread):
            hits.fetch_add(1, Ordering.Relaxed)

    def body(s: thread.Scope) -> None:
        for _ in range(THREADS):
            s.spawn(work)

    thread.scope(body)
    assert hits.load(Ordering.SeqCst) == THREADS * per_thread


def test_compare_exchange_loop_loses_no_update() -> None:
    value = AtomicUsize(0)

    def work() -> None:
        for _ in range(1_000):
            while True:
                current = value.load(Ordering.Relaxed)
                if value.compare_exchange(
                    current, current + 1, Ordering.AcqRel, Ordering.Relaxed
                ).is_ok():
                    break

    thread.scope(lambda s: [s.spawn(work) for _ in range(4)])
    assert value.load(Ordering.SeqCst) == 4_000


@pytest.mark.parametrize("bound", [None, 0, 1, 8])
def test_channel_delivers_each_message_once_in_sender_order(bound: int | None) -> None:
    tx, rx = mpsc.channel() if bound is None else mpsc.sync_channel(bound)
    senders = 6
    per_sender = 300 if bound == 0 else 1_500

    def produce(tx: Any, me: int) -> None:
        for seq in range(per_sender):
            tx.send((me, seq)).unwrap()

    for me in range(senders):
        thread.spawn(lambda tx=tx.clone(), me=me: produce(tx, me))
    del tx
    last = [-1] * senders
    count = 0
    while True:
        r = rx.recv_timeout(LONG)
        if r.is_err():
            assert r.err() == mpsc.RecvTimeoutError.Disconnected
            break
        me, seq = r.unwrap()
        assert seq == last[me] + 1, "a message was lost, repeated or reordered"
        last[me] = seq
        count += 1
    assert count == senders * per_sender
    assert last == [per_sender - 1] * senders


def test_rwlock_never_mixes_writer_and_readers() -> None:
    lock = Arc(RwLock(0))
    state = threading.Lock()
    active = {"readers": 0, "writers": 0}
    violations: list[str] = []
    max_readers = [0]

    def enter(kind: str) -> None:
        with state:
            active[kind] += 1
            if active["writers"] > 1 or (active["writers"] and active["readers"]):
                violations.append(f"{active}")
            max_readers[0] = max(max_readers[0], active["readers"])

    def leave(kind: str) -> None:
        with state:
            active[kind] -= 1

    def reader(lock: Arc[RwLock[int]]) -> int:
        seen = 0
        for _ in range(300):
            with lock.read().unwrap() as r:
                enter("readers")
                seen = max(seen, r.value)
                leave("readers")
        return seen

    def writer(lock: Arc[RwLock[int]]) -> None:
        for _ in range(300):
            with lock.write().unwrap() as w:
                enter("writers")
                w.value += 1
                leave("writers")

    handles = [thread.spawn(lambda lk=lock.clone(): reader(lk)) for _ in range(5)]
    handles += [thread.spawn(lambda lk=lock.clone(): writer(lk)) for _ in range(3)]
    for h in handles:
        assert join(h, timeout=30).is_ok()
    assert violations == []
    assert lock.read().unwrap().value == 900


def test_condvar_bounded_buffer_has_no_lost_wakeups() -> None:
    shared = Arc((Mutex(deque()), Condvar(), Condvar()))  # items, not_empty, not_full
    capacity, producers, per_producer = 4, 4, 400
    total = producers * per_producer

    def produce(shared: Any, me: int) -> None:
        lock, not_empty, not_full = shared
        for seq in range(per_producer):
            guard, result = not_full.wait_timeout_while(
                lock.lock().unwrap(), LONG, lambda q: len(q) >= capacity
            ).unwrap()
            assert not result.timed_out(), "a producer missed a wake-up"
            guard.append((me, seq))
            del guard
            not_empty.notify_one()

    def consume(shared: Any, count: int) -> list[Any]:
        lock, not_empty, not_full = shared
        got = []
        for _ in range(count):
            guard, result = not_empty.wait_timeout_while(
                lock.lock().unwrap(), LONG, lambda q: not q
            ).unwrap()
            assert not result.timed_out(), "a consumer missed a wake-up"
            got.append(guard.popleft())
            del guard
            not_full.notify_one()
        return got

    consumers = [
        thread.spawn(lambda s=shared.clone(): consume(s, total // 2)) for _ in range(2)
    ]
    for me in range(producers):
        thread.spawn(lambda s=shared.clone(), me=me: produce(s, me))
    received = [item for h in consumers for item in join(h, timeout=30).unwrap()]
    assert sorted(received) == sorted(
        (p, s) for p in range(producers) for s in range(per_producer)
    )


def test_condvar_ping_pong() -> None:
    state = Arc((Mutex(0), Condvar()))
    rounds = 500

    def player(state: Any, parity: int) -> None:
        lock, cvar = state
        for _ in range(rounds):
            guard, result = cvar.wait_timeout_while(
                lock.lock().unwrap(), LONG, lambda turn: turn % 2 != parity
            ).unwrap()
            assert not result.timed_out(), "a notify_all was lost"
            guard.value += 1
            del guard
            cvar.notify_all()

    handles = [thread.spawn(lambda s=state.clone(), p=p: player(s, p)) for p in (0, 1)]
    for h in handles:
        assert join(h, timeout=30) == Ok(None)
    assert state[0].lock().unwrap().value == 2 * rounds


def test_park_unpark_ping_pong() -> None:
    rounds = 300
    counter = AtomicUsize(0)
    main = thread.current()

    def partner() -> None:
        for _ in range(rounds):
            while counter.load(Ordering.Acquire) % 2 == 0:
                thread.park_timeout(Duration.from_millis(50))
            counter.fetch_add(1, Ordering.Release)
            main.unpark()

    h = thread.spawn(partner)
    for _ in range(rounds):
        counter.fetch_add(1, Ordering.Release)
        h.thread().unpark()
        while counter.load(Ordering.Acquire) % 2 == 1:
            thread.park_timeout(Duration.from_millis(50))
    assert join(h) == Ok(None)
    assert counter.load(Ordering.SeqCst) == 2 * rounds


def test_arc_clone_and_drop_from_many_threads() -> None:
    root = Arc([0])

    def churn(a: Arc[list[int]]) -> None:
        for _ in range(500):
            b = a.clone()
            c = Arc.clone(b)
            del b, c

    handles = [thread.spawn(lambda a=root.clone(): churn(a)) for _ in range(THREADS)]
    for h in handles:
        join(h)
    assert Arc.strong_count(root) == 1


def test_many_threads_all_joined() -> None:
    handles = [thread.spawn(lambda i=i: i * i) for i in range(64)]
    assert [join(h).unwrap() for h in handles] == [i * i for i in range(64)]
    assert all(h.is_finished() for h in handles)
    ids = {h.thread().id() for h in handles}
    assert len(ids) == 64
