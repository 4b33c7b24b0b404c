# Default arguments are how values move into threads: B008 is the point here.
# ruff: noqa: B008
from __future__ import annotations

import threading

import pytest
from prim_helpers import WAIT, join, wait_until

from primitives import Err, Ok, Panic, UseAfterDropError, drop, thread
from primitives.sync import (
    Arc,
    Condvar,
    Mutex,
    PoisonError,
    TryLockError,
    WaitTimeoutResult,
)
from primitives.time import Duration, Instant

Pair = Arc[tuple[Mutex[bool], Condvar]]


def test_wait_releases_lock_and_is_woken() -> None:
    pair: Pair = Arc((Mutex(False), Condvar()))

    def notifier(pair: Pair = pair.clone()) -> None:
        lock, cvar = pair
        with lock.lock().unwrap() as started:
            started.value = True
            cvar.notify_one()

    lock, cvar = pair
    guard = lock.lock().unwrap()
    h = thread.spawn(notifier)  # it can only lock once wait released the mutex
    while not guard.value:
        guard = cvar.wait(guard).unwrap()
    assert guard.value is True
    drop(guard)
    assert join(h) == Ok(None)


def test_guard_lent_to_a_wait_cannot_release_another_threads_lock() -> None:
    lock, cvar = Mutex(0), Condvar()
    lent = lock.lock().unwrap()
    seen: list[object] = []

    def meddle() -> None:  # a plain thread: spawn would refuse the guard
        with lock.lock().unwrap() as mine:  # the wait released the mutex
            # The waiting thread's guard is lent to the wait, not held: its
            # exit and its drop leave this thread's lock alone.
            seen.append(repr(lent))
            lent.__exit__(None, None, None)
            try:
                drop(lent)
            except UseAfterDropError as error:
                seen.append(error)
            seen.append(lock.try_lock() == Err(TryLockError.WouldBlock))
            mine.value = 1
        cvar.notify_one()

    t = threading.Thread(target=meddle, daemon=True)
    t.start()
    waiting = cvar.wait_timeout_while(
        lent, Duration.from_secs(int(WAIT)), lambda v: v == 0
    ).unwrap()[0]
    t.join(WAIT)
    assert seen[0] == "<dropped MutexGuard>"
    assert isinstance(seen[1], UseAfterDropError)
    assert seen[2] is True
    assert waiting is lent
    assert waiting.value == 1  # held again once the wait returned
    drop(waiting)
    assert lock.try_lock().is_ok()


def test_notify_without_holding_the_mutex() -> None:
    lock, cvar = Mutex(0), Condvar()
    cvar.notify_one()  # nobody waits: nothing happens
    cvar.notify_all()
    ready = threading.Event()

    def later() -> None:
        ready.wait(WAIT)
        with lock.lock().unwrap() as g:
            g.value = 1
        cvar.notify_all()  # after the guard is gone, as Rust allows

    t = threading.Thread(target=later)
    t.start()
    g = lock.lock().unwrap()
    ready.set()
    g = cvar.wait_while(g, lambda v: v == 0).unwrap()
    assert g.value == 1
    drop(g)
    t.join(WAIT)


def test_wait_timeout_times_out() -> None:
    lock, cvar = Mutex(0), Condvar()
    start = Instant.now()
    g, result = cvar.wait_timeout(
        lock.lock().unwrap(), Duration.from_millis(20)
    ).unwrap()
    assert result.timed_out()
    assert result == WaitTimeoutResult(True)
    assert hash(result) == hash(True)
    assert repr(result) == "WaitTimeoutResult(true)"
    assert start.elapsed() >= Duration.from_millis(15)
    assert g.value == 0
    # the lock is held again on return
    assert lock.try_lock().is_err()
    drop(g)
    g, result = cvar.wait_timeout(lock.lock().unwrap(), Duration.ZERO).unwrap()
    assert result.timed_out()
    drop(g)


def test_wait_timeout_notified() -> None:
    lock, cvar = Mutex(0), Condvar()
    g = lock.lock().unwrap()
    waiting = threading.Event()

    def notify() -> None:
        waiting.wait(WAIT)
        with lock.lock().unwrap() as inner:
            inner.value = 1
            cvar.notify_one()

    t = threading.Thread(target=notify)
    t.start()
    waiting.set()
    g, result = cvar.wait_timeout(g, Duration.from_secs(5)).unwrap()
    assert not result.timed_out()
    assert repr(result) == "WaitTimeoutResult(false)"
    drop(g)
    t.join(WAIT)


def test_wait_timeout_while() -> None:
    lock, cvar = Mutex(0), Condvar()
    g, result = cvar.wait_timeout_while(
        lock.lock().unwrap(), Duration.from_millis(20), lambda v: v == 0
    ).unwrap()
    assert result.timed_out()
    drop(g)
    with lock.lock().unwrap() as g2:
        g2.value = 3
    g, result = cvar.wait_timeout_while(
        lock.lock().unwrap(), Duration.from_millis(20), lambda v: v == 0
    ).unwrap()
    assert not result.timed_out()
    drop(g)

    def bump() -> None:
        thread.sleep(Duration.from_millis(10))
        with lock.lock().unwrap() as g3:
            g3.value = 0
        cvar.notify_all()
        thread.sleep(Duration.from_millis(10))
        with lock.lock().unwrap() as g3:
            g3.value = 7
        cvar.notify_all()

    t = threading.Thread(target=bump)
    t.start()
    g, result = cvar.wait_timeout_while(
        lock.lock().unwrap(), Duration.from_secs(5), lambda v: v != 7
    ).unwrap()
    assert not result.timed_out()
    assert g.value == 7
    drop(g)
    t.join(WAIT)


def test_notify_all_wakes_every_waiter() -> None:
    state = Arc((Mutex(0), Condvar()))
    n = 5

    def waiter(state: Arc[tuple[Mutex[int], Condvar]] = state) -> int:
        lock, cvar = state
        with lock.lock().unwrap() as g:
            g.value += 1
            g2 = cvar.wait_while(g, lambda v: v < 100).unwrap()
            return int(g2.value)

    handles = [thread.spawn(lambda w=waiter, s=state.clone(): w(s)) for _ in range(n)]
    lock, cvar = state
    assert wait_until(lambda: _count(lock) == n)
    with lock.lock().unwrap() as g:
        g.value = 100
    cvar.notify_all()
    assert [join(h) for h in handles] == [Ok(100)] * n


def _count(lock: Mutex[int]) -> int:
    r = lock.try_lock()
    if r.is_err():
        return -1
    g = r.unwrap()
    value = g.value
    drop(g)
    return int(value)


def test_poisoned_mutex_is_reported_by_waits() -> None:
    lock, cvar = Mutex(0), Condvar()
    with pytest.raises(ValueError, match="poison"), lock.lock().unwrap():
        raise ValueError("poison")
    g = lock.lock().unwrap_err().into_inner()
    r = cvar.wait_timeout(g, Duration.from_millis(1))
    assert isinstance(r.err(), PoisonError)
    g, timeout = r.unwrap_err().into_inner()
    assert timeout.timed_out()
    r2 = cvar.wait_timeout_while(g, Duration.from_millis(1), lambda v: True)
    assert r2.is_err()
    g = r2.unwrap_err().into_inner()[0]
    assert cvar.wait_while(g, lambda v: False).is_err()

    def notify_soon() -> None:
        thread.sleep(Duration.from_millis(10))
        cvar.notify_all()

    t = threading.Thread(target=notify_soon)
    t.start()
    r3 = cvar.wait_while(g, lambda v: True)
    assert isinstance(r3, Err)
    t.join(WAIT)
    t = threading.Thread(target=notify_soon)
    t.start()
    r4 = cvar.wait_timeout_while(g, Duration.from_secs(5), lambda v: True)
    assert r4.is_err()
    t.join(WAIT)
    t = threading.Thread(target=notify_soon)
    t.start()
    assert cvar.wait(g).is_err()
    t.join(WAIT)
    drop(g)


def test_misuse_errors() -> None:
    cvar = Condvar()
    m1, m2 = Mutex(0), Mutex(0)
    g1 = m1.lock().unwrap()
    cvar.wait_timeout(g1, Duration.from_millis(1)).unwrap()
    g2 = m2.lock().unwrap()
    with pytest.raises(Panic, match="condition variable with two mutexes"):
        cvar.wait(g2)
    assert m2.try_lock().is_err()  # still held after the refused wait
    drop(g2)
    drop(g1)
    with pytest.raises(UseAfterDropError):
        cvar.wait(g1)
    with pytest.raises(TypeError, match="MutexGuard"):
        cvar.wait(m1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Duration"):
        cvar.wait_timeout(m1.lock().unwrap(), 1)  # type: ignore[arg-type]
    assert repr(cvar) == "Condvar { .. }"
    assert WaitTimeoutResult(False) != 1
    g3 = m1.lock().unwrap()
    box: list[BaseException] = []

    def other() -> None:
        try:
            cvar.wait(g3)
        except RuntimeError as exc:
            box.append(exc)

    t = threading.Thread(target=other)
    t.start()
    t.join(WAIT)
    assert "waited on by the guard's thread" in str(box[0])
    drop(g3)


def test_timed_out_waiter_chosen_by_notify_counts_as_woken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lock, cvar = Mutex(0), Condvar()
    g = lock.lock().unwrap()
    real_acquire_lock = threading.Lock

    class RacingLock:
        """A waiter lock whose timed acquire loses a race with notify_one."""

        def __init__(self) -> None:
            self._inner = real_acquire_lock()

        def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
            if blocking and timeout != -1:
                cvar.notify_one()  # pops this waiter just as it times out
                return False
            return self._inner.acquire(blocking)

        def release(self) -> None:
            self._inner.release()

    monkeypatch.setattr(threading, "Lock", RacingLock)
    g, result = cvar.wait_timeout(g, Duration.from_millis(5)).unwrap()
    monkeypatch.undo()
    assert not result.timed_out()
    drop(g)
