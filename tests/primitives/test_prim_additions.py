"""The second release's additions: Weak, get_mut/make_mut, more atomics,
Once/OnceLock/LazyLock, Barrier, RwLockWriteGuard.downgrade, thread.local,
and the finalizer that waits for a lock its own thread holds."""

# Default arguments are how values move into threads: B008 is the point here.
# ruff: noqa: B008
from __future__ import annotations

import gc
import pickle
from typing import Any

import pytest
from prim_helpers import join, run_in_thread, wait_until

from primitives import Err, Ok, Panic, UseAfterDropError, drop, thread
from primitives._core import thread_token
from primitives.cell import Cell, RefCell
from primitives.rc import Rc
from primitives.rc import Weak as RcWeak
from primitives.sync import (
    Arc,
    Barrier,
    Condvar,
    LazyLock,
    Mutex,
    Once,
    OnceLock,
    RwLock,
    RwLockWriteGuard,
    TryLockError,
    Weak,
    mpsc,
)
from primitives.sync.atomic import (
    AtomicI8,
    AtomicI16,
    AtomicU8,
    AtomicU16,
    Ordering,
)
from primitives.time import Duration, Instant

# --------------------------------------------------------------------------
# Weak, get_mut, make_mut
# --------------------------------------------------------------------------


@pytest.mark.parametrize("pointer", [Arc, Rc])
def test_weak_handles_follow_the_strong_count(pointer: Any) -> None:
    a = pointer([1])
    w = pointer.downgrade(a)
    assert isinstance(w, Weak if pointer is Arc else RcWeak)
    w2 = w.clone()
    assert pointer.weak_count(a) == 2
    assert w.strong_count() == 1
    assert w.weak_count() == 2
    b = w.upgrade()
    assert pointer.ptr_eq(a, b)
    assert pointer.strong_count(a) == 2
    drop(b)
    drop(w2)
    assert pointer.weak_count(a) == 1
    drop(a)
    assert w.upgrade() is None
    assert w.weak_count() == 0
    assert repr(w) == "(Weak)"
    drop(w)
    with pytest.raises(UseAfterDropError):
        w.upgrade()
    with pytest.raises(UseAfterDropError):
        drop(w)
    with pytest.raises(TypeError, match="assign"):
        w.value = 5


def test_weak_send_rules() -> None:
    rc = Rc(1)
    weak_rc = Rc.downgrade(rc)
    with pytest.raises(TypeError, match=r"`rc::Weak<int>` cannot be sent"):
        thread.spawn(lambda w=weak_rc: w)
    shared_cell = Arc(Cell(1))
    weak_cell = Arc.downgrade(shared_cell)
    with pytest.raises(TypeError, match=r"Cell<int>` cannot be shared"):
        thread.spawn(lambda w=weak_cell: w)
    a = Arc(5)
    weak = Arc.downgrade(a)
    assert join(thread.spawn(lambda w=weak: w.strong_count())) == Ok(1)


@pytest.mark.parametrize("pointer", [Arc, Rc])
def test_get_mut_and_make_mut(pointer: Any) -> None:
    a = pointer([1])
    assert pointer.get_mut(a) == [1]
    pointer.make_mut(a).append(2)
    b = a.clone()
    assert pointer.get_mut(a) is None
    pointer.make_mut(a).append(3)  # shared: a moves to its own copy
    assert (a.value, b.value) == ([1, 2, 3], [1, 2])
    assert pointer.strong_count(b) == 1
    w = pointer.downgrade(b)
    assert pointer.get_mut(b) is None  # a weak handle exists
    pointer.make_mut(b).append(4)  # unique but watched: the weak one is cut off
    assert b.value == [1, 2, 4]
    assert w.upgrade() is None
    with pytest.raises(TypeError, match=r"call `\w+\.make_mut\(handle\)`"):
        a.make_mut()


def test_associated_functions_check_their_argument() -> None:
    with pytest.raises(TypeError, match="expected an Arc or an Rc"):
        Arc.get_mut(5)
    with pytest.raises(TypeError, match="two handles of one kind"):
        Arc.ptr_eq(Arc(1), Rc(1))


# --------------------------------------------------------------------------
# Atomics
# --------------------------------------------------------------------------


SMALL_ATOMICS = [
    (AtomicI8, -128, 127),
    (AtomicU8, 0, 255),
    (AtomicI16, -(2**15), 2**15 - 1),
    (AtomicU16, 0, 2**16 - 1),
]


@pytest.mark.parametrize(("kind", "low", "high"), SMALL_ATOMICS)
def test_small_atomics_wrap_at_their_width(kind: Any, low: int, high: int) -> None:
    a = kind(high)
    assert a.fetch_add(1, Ordering.SeqCst) == high
    assert a.load(Ordering.SeqCst) == low
    assert a.fetch_sub(1, Ordering.SeqCst) == low
    assert a.load(Ordering.SeqCst) == high
    with pytest.raises(ValueError, match="out of range"):
        kind(high + 1)


def test_try_update_and_update() -> None:
    a = AtomicU8(250)
    assert a.try_update(Ordering.SeqCst, Ordering.SeqCst, lambda x: None) == Err(250)
    assert a.try_update(Ordering.SeqCst, Ordering.SeqCst, lambda x: x + 1) == Ok(250)
    assert a.update(Ordering.SeqCst, Ordering.Acquire, lambda x: x - 51) == 251
    assert a.load(Ordering.SeqCst) == 200
    with pytest.raises(Panic, match="release failure"):
        a.update(Ordering.SeqCst, Ordering.Release, lambda x: x)


# --------------------------------------------------------------------------
# Once, OnceLock, LazyLock
# --------------------------------------------------------------------------


def test_once_runs_once_and_is_poisoned_by_a_panic() -> None:
    once = Once()
    calls: list[int] = []
    once.call_once(lambda: calls.append(1))
    once.call_once(lambda: calls.append(2))
    assert calls == [1]
    assert once.is_completed()
    assert repr(once) == "Once { .. }"
    failing = Once()

    def fail() -> None:
        raise ValueError("init failed")

    with pytest.raises(ValueError, match="init failed"):
        failing.call_once(fail)
    assert not failing.is_completed()
    with pytest.raises(Panic, match="poisoned"):
        failing.call_once(lambda: None)
    recursive = Once()
    with pytest.raises(Panic, match="recursively"):
        recursive.call_once(lambda: recursive.call_once(lambda: None))


def test_once_makes_other_threads_wait() -> None:
    once = Once()
    started, release = mpsc.channel(), mpsc.channel()

    def slow_init() -> None:
        started[0].send(True).unwrap()
        release[1].recv_timeout(Duration.from_secs(5)).unwrap()

    first = thread.spawn(lambda: once.call_once(slow_init))
    assert started[1].recv_timeout(Duration.from_secs(5)) == Ok(True)
    second = thread.spawn(lambda: once.call_once(lambda: None))
    thread.sleep(Duration.from_millis(20))
    assert not second.is_finished()
    release[0].send(True).unwrap()
    assert join(first) == Ok(None)
    assert join(second) == Ok(None)


def test_once_lock() -> None:
    cell: OnceLock[str] = OnceLock()
    assert repr(cell) == "OnceLock(<uninit>)"
    assert cell.get_or_init(lambda: "first") == "first"
    assert cell.set("second") == Err("second")
    assert cell.get() == "first"
    assert repr(cell) == "OnceLock('first')"
    rc_cell: OnceLock[Any] = OnceLock()
    rc_cell.set(Rc(1)).unwrap()
    with pytest.raises(TypeError, match="Rc<int>"):
        thread.spawn(lambda c=rc_cell: c.get())


def test_lazy_lock() -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": 1}

    lazy = LazyLock(build)
    assert repr(lazy) == "LazyLock(<uninit>)"
    assert lazy["a"] == 1
    assert len(lazy) == 1
    assert lazy.get("b", 2) == 2
    assert lazy.value == {"a": 1}
    assert repr(lazy) == "LazyLock({'a': 1})"
    assert lazy._rust_type() == "LazyLock<dict>"
    assert calls == [1]
    with pytest.raises(AttributeError):
        lazy._missing  # noqa: B018
    with pytest.raises(TypeError, match="takes a function"):
        LazyLock(5)  # type: ignore[arg-type]
    broken = LazyLock(lambda: 1 // 0)
    with pytest.raises(ZeroDivisionError):
        broken.force()
    with pytest.raises(Panic, match="poisoned"):
        broken.force()
    shared_rc = LazyLock(lambda: Rc(1))
    shared_rc.force()
    with pytest.raises(TypeError, match="Rc<int>"):
        thread.spawn(lambda lazy=shared_rc: lazy.value)


# --------------------------------------------------------------------------
# Barrier
# --------------------------------------------------------------------------


def test_barrier_has_one_leader_per_round() -> None:
    barrier = Arc(Barrier(3))

    def meet(b: Arc[Barrier]) -> list[bool]:
        return [b.wait().is_leader() for _ in range(3)]

    handles = [thread.spawn(lambda b=barrier.clone(): meet(b)) for _ in range(3)]
    rounds = [join(h).unwrap() for h in handles]
    assert [sum(r[i] for r in rounds) for i in range(3)] == [1, 1, 1]
    assert Barrier(1).wait().is_leader()
    assert repr(Barrier(0).wait()) == "BarrierWaitResult { is_leader: true }"
    assert repr(Barrier(2)) == "Barrier { .. }"
    with pytest.raises(TypeError, match="takes an int"):
        Barrier(1.5)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# RwLockWriteGuard.downgrade
# --------------------------------------------------------------------------


def test_downgrade_keeps_writers_out() -> None:
    lock = RwLock(1)
    writer = lock.write().unwrap()
    writer.value = 2
    reader = RwLockWriteGuard.downgrade(writer)
    assert reader.value == 2
    with pytest.raises(UseAfterDropError):
        writer.value  # noqa: B018
    with pytest.raises(UseAfterDropError):
        RwLockWriteGuard.downgrade(writer)
    assert lock.try_write().is_err()
    other = lock.try_read().unwrap()
    drop(reader)
    drop(other)
    assert lock.try_write().is_ok()
    with pytest.raises(TypeError, match="expected an RwLockWriteGuard"):
        RwLockWriteGuard.downgrade(lock.read().unwrap())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="associated function"):
        lock.write().unwrap().downgrade()
    held = lock.write().unwrap()
    errors: list[BaseException] = []

    def downgrade_elsewhere() -> None:
        try:
            RwLockWriteGuard.downgrade(held)
        except RuntimeError as exc:
            errors.append(exc)

    run_in_thread(downgrade_elsewhere).join(5)
    assert len(errors) == 1
    drop(held)


# --------------------------------------------------------------------------
# thread.local
# --------------------------------------------------------------------------


def test_thread_local_values_are_per_thread() -> None:
    counter = thread.local(lambda: Cell(0))
    counter.set(5)
    assert counter.replace(6) == 5
    assert counter.with_(lambda c: c.get()) == 6
    assert counter.take() == 6
    assert counter.get() == 0
    assert join(thread.spawn(lambda: counter.get())) == Ok(0)
    names = thread.local(lambda: RefCell([]))
    names.with_(lambda cell: cell.borrow_mut().append("main"))
    assert names.take() == ["main"]
    assert repr(names) == "LocalKey { .. }"
    with pytest.raises(TypeError, match=r"thread\.local"):
        thread.local(5)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# Finalizers inside their own critical section, and Instant
# --------------------------------------------------------------------------


def test_a_drop_inside_its_own_critical_section_waits_for_the_lock() -> None:
    a = Arc(1)
    other = a.clone()
    with a._alloc.lock:
        del other  # the finalizer finds the lock held by this very thread
        assert Arc.strong_count(a) == 2  # so it waits: nothing is corrupted
    assert wait_until(lambda: Arc.strong_count(a) == 1)
    tx, rx = mpsc.sync_channel(1)
    with tx._chan.lock:
        del tx
    assert rx.recv_timeout(Duration.from_secs(5)) == Err(
        mpsc.RecvTimeoutError.Disconnected
    )
    m = RwLock(0)
    with m._cond:
        m.read().unwrap()  # a temporary guard, freed at once
    assert wait_until(lambda: m.try_write().is_ok())
    gc.collect()


def test_instant_checked_add() -> None:
    now = Instant.now()
    assert now.checked_add(Duration.MAX) is None
    later = now.checked_add(Duration.from_secs(1))
    assert later is not None
    assert later - now == Duration.from_secs(1)
    with pytest.raises(TypeError, match="takes a Duration"):
        now.checked_add(1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="mul_f64 takes a float"):
        Duration.from_secs(1).mul_f64("2")  # type: ignore[arg-type]


def test_mutex_get_mut() -> None:
    m = Mutex([1])
    assert m.get_mut() == Ok([1])


def test_pickling_and_reprs_of_the_internals() -> None:
    with pytest.raises(TypeError, match="cannot be copied"):
        pickle.dumps(Mutex(1))
    assert repr(thread_token()) == "ThreadToken { .. }"
    assert repr(mpsc._EMPTY) == "empty"


def test_a_thread_returning_a_dict_hands_its_values_on() -> None:
    tx, rx = mpsc.channel()
    back = join(thread.spawn(lambda tx=tx.clone(): {"tx": tx})).unwrap()
    assert back["tx"].send(1) == Ok(None)
    assert rx.try_recv() == Ok(1)
    stx, srx = mpsc.sync_channel(1)
    assert stx.try_send([1]) == Ok(None)
    assert srx.try_recv() == Ok([1])


def test_panicking_unwraps_release_what_they_consumed() -> None:
    m = Mutex(0)
    with pytest.raises(ValueError, match="poison"), m.lock().unwrap():
        raise ValueError("poison")
    result = m.lock()
    drop(result.unwrap_err().into_inner())  # released by hand first
    with pytest.raises(Panic):
        result.unwrap()
    with pytest.raises(Panic):
        m.try_lock().unwrap()
    cv = Condvar()
    guard = m.lock().unwrap_err().into_inner()
    timed = cv.wait_timeout(guard, Duration.from_millis(1))
    with pytest.raises(Panic):
        timed.unwrap()  # Err(PoisonError((guard, WaitTimeoutResult)))
    assert m.try_lock() != Err(TryLockError.WouldBlock)
