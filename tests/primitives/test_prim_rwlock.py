# Default arguments are how values move into threads: B008 is the point here.
# ruff: noqa: B008
from __future__ import annotations

import threading

import pytest
from prim_helpers import WAIT, join, wait_until

from primitives import Err, Ok, Panic, UseAfterDropError, drop, thread
from primitives.sync import (
    Arc,
    PoisonError,
    RwLock,
    RwLockReadGuard,
    RwLockWriteGuard,
    TryLockError,
)
from primitives.time import Duration


def test_many_readers_at_once() -> None:
    lock = RwLock([1, 2])
    r1 = lock.read().unwrap()
    r2 = lock.read().unwrap()
    assert isinstance(r1, RwLockReadGuard)
    assert r1.value is r2.value
    assert len(r1) == 2
    assert lock.try_read().is_ok()
    assert lock.try_write() == Err(TryLockError.WouldBlock)
    drop(r1)
    drop(r2)
    w = lock.try_write().unwrap()
    assert isinstance(w, RwLockWriteGuard)
    w.append(3)
    assert lock.try_read() == Err(TryLockError.WouldBlock)
    assert lock.try_write() == Err(TryLockError.WouldBlock)
    drop(w)
    assert lock.into_inner() == Ok([1, 2, 3])


def test_read_guard_refuses_writes() -> None:
    lock = RwLock({"k": 1})
    with lock.read().unwrap() as r:
        with pytest.raises(TypeError, match="cannot assign to data in dereference"):
            r.value = {}
        with pytest.raises(TypeError, match=r"RwLockReadGuard<dict>"):
            r["k"] = 2
        with pytest.raises(TypeError, match="lock with write"):
            del r["k"]
        with pytest.raises(TypeError):
            r.attr = 1
        with pytest.raises(TypeError):
            r += 1
        assert r["k"] == 1


def test_write_guard_writes() -> None:
    lock = RwLock(1)
    with lock.write().unwrap() as w:
        w.value = 5
        w += 1
    assert lock.read().unwrap().value == 6


def test_repr() -> None:
    lock = RwLock(5)
    assert repr(lock) == "RwLock { data: 5, poisoned: false, .. }"
    r = lock.read().unwrap()
    assert repr(lock) == "RwLock { data: 5, poisoned: false, .. }"
    drop(r)
    w = lock.write().unwrap()
    assert repr(lock) == "RwLock { data: <locked>, poisoned: false, .. }"
    drop(w)
    assert lock._rust_type() == "RwLock<int>"


def test_only_write_guard_panic_poisons() -> None:
    lock = RwLock(0)
    with pytest.raises(KeyError), lock.read().unwrap():
        raise KeyError("in read")
    assert not lock.is_poisoned()
    with pytest.raises(KeyError), lock.write().unwrap():
        raise KeyError("in write")
    assert lock.is_poisoned()
    r = lock.read()
    assert isinstance(r.err(), PoisonError)
    drop(r.unwrap_err().into_inner())
    tr = lock.try_read()
    assert repr(tr) == "Err(Poisoned(..))"
    drop(tr.unwrap_err().error.into_inner())  # type: ignore[union-attr]
    tw = lock.try_write()
    assert repr(tw) == "Err(Poisoned(..))"
    drop(tw.unwrap_err().error.into_inner())  # type: ignore[union-attr]
    w = lock.write()
    assert w.is_err()
    drop(w.unwrap_err().into_inner())
    assert lock.into_inner().is_err()
    assert repr(lock) == "RwLock { data: 0, poisoned: true, .. }"
    lock.clear_poison()
    assert lock.into_inner() == Ok(0)


def test_self_deadlocks_panic() -> None:
    lock = RwLock(0)
    w = lock.write().unwrap()
    with pytest.raises(Panic, match="rwlock read lock would result in deadlock"):
        lock.read()
    with pytest.raises(Panic, match="rwlock write lock would result in deadlock"):
        lock.write()
    drop(w)
    r = lock.read().unwrap()
    with pytest.raises(Panic, match="rwlock write lock would result in deadlock"):
        lock.write()
    r2 = lock.read().unwrap()  # recursive read without a waiting writer is fine
    drop(r2)
    drop(r)


def test_writer_preference_blocks_new_readers() -> None:
    lock = Arc(RwLock(0))
    first_reader = lock.read().unwrap()
    order: list[str] = []

    def writer(lock: Arc[RwLock[int]] = lock.clone()) -> None:
        with lock.write().unwrap() as w:
            order.append("writer")
            w.value = 1

    wh = thread.spawn(writer)
    assert wait_until(lambda: lock._writers_waiting == 1)
    # a new reader must wait behind the waiting writer
    assert lock.try_read() == Err(TryLockError.WouldBlock)
    assert repr(lock) == "RwLock { data: <locked>, poisoned: false, .. }"

    def reader(lock: Arc[RwLock[int]] = lock.clone()) -> int:
        with lock.read().unwrap() as r:
            order.append("reader")
            return int(r.value)

    rh = thread.spawn(reader)
    thread.sleep(Duration.from_millis(20))
    assert order == []
    # the first reader reading again while a writer waits would deadlock
    with pytest.raises(Panic, match="read lock would result in deadlock"):
        lock.read()
    drop(first_reader)
    assert join(wh) == Ok(None)
    assert join(rh) == Ok(1)
    assert order == ["writer", "reader"]


def test_interrupted_writer_lets_readers_go(monkeypatch: pytest.MonkeyPatch) -> None:
    lock = RwLock(0)
    reader = lock.read().unwrap()
    calls = []

    def failing_wait(timeout: float | None = None) -> bool:
        calls.append(1)
        raise KeyboardInterrupt

    box: list[BaseException] = []

    def attempt() -> None:  # another thread: this one holds a read lock
        try:
            lock.write()
        except BaseException as exc:
            box.append(exc)

    monkeypatch.setattr(lock._cond, "wait", failing_wait)
    t = threading.Thread(target=attempt)
    t.start()
    t.join(WAIT)
    monkeypatch.undo()
    assert isinstance(box[0], KeyboardInterrupt)
    assert calls
    assert lock._writers_waiting == 0
    assert lock.try_read().is_ok()
    drop(reader)


def test_released_read_guard_reports_use_after_drop() -> None:
    lock = RwLock(1)
    r = lock.read().unwrap()
    drop(r)
    with pytest.raises(UseAfterDropError, match="RwLockReadGuard was already dropped"):
        _ = r.value
    w = lock.write().unwrap()
    drop(w)
    with pytest.raises(UseAfterDropError, match="RwLockWriteGuard"):
        w.value = 2
