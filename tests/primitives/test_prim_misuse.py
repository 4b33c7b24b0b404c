"""Extreme values, misuse and garbage collection: each test names the class of
defect it pins down (a hang in a finalizer, an overflowing timeout, a value
dropped too early, a lock left held, a missing type check)."""

# Default arguments are how values move into threads: B008 is the point here.
# ruff: noqa: B008
from __future__ import annotations

import copy
import gc
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from prim_helpers import WAIT, join, run_in_thread, wait_until

from primitives import Err, Ok, Panic, UseAfterDropError, drop, thread
from primitives.cell import Cell
from primitives.rc import Rc
from primitives.sync import Arc, Condvar, Mutex, RwLock, TryLockError, mpsc
from primitives.sync.atomic import AtomicBool, AtomicI32, Ordering
from primitives.time import Duration, Instant

# --------------------------------------------------------------------------
# 1. No finalizer takes a lock its thread may already hold
# --------------------------------------------------------------------------


class _Node:
    """An object that ends up in a reference cycle."""

    other: Any = None
    held: Any = None


@contextmanager
def cycles_collected_constantly(make_value: Callable[[], object]) -> Iterator[None]:
    """While the block runs, another thread keeps making reference cycles that
    each hold a fresh `make_value()`, and the collector runs at almost every
    allocation, so finalizers land inside whatever the block is doing."""
    stop = threading.Event()

    def make_cycles() -> None:
        while not stop.is_set():
            node = _Node()
            node.other = node
            node.held = make_value()
            del node

    threshold = gc.get_threshold()
    gc.set_threshold(1)
    try:
        maker = run_in_thread(make_cycles)
        yield
    finally:
        stop.set()
        maker.join(WAIT)
        gc.set_threshold(*threshold)


def test_gc_finalizing_a_sender_inside_recv_timeout_does_not_hang() -> None:
    # Python 3.12 and later collect at any bytecode boundary, so the collection
    # lands inside the channel's critical section within a few iterations.
    tx, rx = mpsc.sync_channel(1)
    errors: list[BaseException] = []

    def receive() -> None:
        try:
            for _ in range(100):
                rx.recv_timeout(Duration.from_micros(200))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    with cycles_collected_constantly(tx.clone):
        receiver = run_in_thread(receive)
        receiver.join(4 * WAIT)
        finished = not receiver.is_alive()
    assert finished, "recv_timeout deadlocked in a finalizer"
    assert errors == []
    gc.collect()


def test_gc_finalizing_an_arc_while_cloning_it_does_not_hang() -> None:
    shared = Arc(0)
    with cycles_collected_constantly(shared.clone):
        cloner = run_in_thread(lambda: [drop(shared.clone()) for _ in range(3000)])
        cloner.join(WAIT)
        finished = not cloner.is_alive()
    assert finished, "Arc.clone deadlocked in a finalizer"
    gc.collect()
    assert wait_until(lambda: Arc.strong_count(shared) == 1)


# --------------------------------------------------------------------------
# 2. Every Duration up to Duration.MAX is a valid timeout
# --------------------------------------------------------------------------

HUGE = [Duration.MAX, Duration.from_secs(2**64 - 1), Duration.from_secs(10**10)]


@pytest.mark.parametrize("timeout", HUGE, ids=repr)
def test_recv_timeout_accepts_huge_durations(timeout: Duration) -> None:
    for make in (mpsc.channel, lambda: mpsc.sync_channel(1)):
        tx, rx = make()
        h = thread.spawn(lambda rx=rx: rx.recv_timeout(timeout))
        thread.sleep(Duration.from_millis(20))
        tx.send(7).unwrap()
        assert join(h) == Ok(Ok(7))


@pytest.mark.parametrize("timeout", HUGE, ids=repr)
def test_park_timeout_accepts_huge_durations(timeout: Duration) -> None:
    h = thread.spawn(lambda: thread.park_timeout(timeout))
    thread.sleep(Duration.from_millis(20))
    h.thread().unpark()
    assert join(h) == Ok(None)


@pytest.mark.parametrize("timeout", HUGE, ids=repr)
def test_condvar_timed_waits_accept_huge_durations(timeout: Duration) -> None:
    m, cv = Mutex(False), Condvar()

    def wait() -> Any:
        with m.lock().unwrap() as g:
            g2, result = cv.wait_timeout(g, timeout).unwrap()
            g3, result2 = cv.wait_timeout_while(g2, timeout, lambda v: not v).unwrap()
            return result.timed_out(), result2.timed_out(), g3.value

    h = thread.spawn(wait)
    for value in (False, True):
        assert wait_until(lambda: cv._waiters, WAIT)
        with m.lock().unwrap() as g:
            g.value = value
        cv.notify_all()
    assert join(h) == Ok((False, False, True))
    assert not m.is_poisoned()


def test_sleep_accepts_duration_max() -> None:
    outcome: list[BaseException] = []

    def sleep_forever() -> None:
        try:
            thread.sleep(Duration.MAX)
        except BaseException as exc:
            outcome.append(exc)

    sleeper = run_in_thread(sleep_forever)
    sleeper.join(0.2)
    assert outcome == []
    assert sleeper.is_alive()  # still asleep: "effectively forever"


# --------------------------------------------------------------------------
# 3. Nothing above Duration.MAX
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: Duration.from_secs(2**64),
        lambda: Duration.from_nanos(2**200),
        lambda: Duration.from_millis(2**64),
        lambda: Duration(2**64 - 1, 10**9),
        lambda: Duration.MAX + Duration.from_nanos(1),
        lambda: Duration.MAX * 2,
        lambda: 2 * Duration.MAX,
        lambda: Instant.now() + Duration.MAX,
    ],
)
def test_values_above_duration_max_panic(make: Any) -> None:
    with pytest.raises(Panic, match="overflow"):
        make()


def test_checked_and_saturating_arithmetic() -> None:
    one = Duration.from_nanos(1)
    assert Duration.MAX.checked_add(one) is None
    assert Duration.ZERO.checked_sub(one) is None
    assert Duration.MAX.checked_mul(2) is None
    assert Duration.from_secs(1).checked_add(one) == Duration(1, 1)
    assert Duration.from_secs(2).checked_mul(3) == Duration.from_secs(6)
    assert Duration.MAX.saturating_add(one) == Duration.MAX
    assert Duration.MAX.saturating_mul(2) == Duration.MAX
    assert Duration.from_secs(2).saturating_mul(2) == Duration.from_secs(4)
    assert Duration.ZERO.saturating_sub(one) == Duration.ZERO
    assert Duration.from_secs(2).mul_f64(1.5) == Duration.from_secs(3)
    with pytest.raises(Panic, match="too big"):
        Duration.MAX.mul_f64(2.0)
    with pytest.raises(TypeError):
        Duration.MAX.checked_add(1)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# 4. What a thread hands back stays alive
# --------------------------------------------------------------------------


def test_an_arc_returned_by_a_thread_stays_alive() -> None:
    arc = Arc([1, 2])
    back = join(thread.spawn(lambda a=arc.clone(): a)).unwrap()
    assert back == arc
    assert Arc.strong_count(arc) == 2
    drop(back)
    assert Arc.strong_count(arc) == 1


def test_a_returned_or_relayed_sender_stays_alive() -> None:
    tx, rx = mpsc.channel()
    back = join(thread.spawn(lambda tx=tx.clone(): [tx])).unwrap()[0]
    assert back.send(1) == Ok(None)
    relay_tx, relay_rx = mpsc.channel()
    h = thread.spawn(lambda tx=tx.clone(), out=relay_tx: out.send(tx).unwrap())
    assert join(h) == Ok(None)
    relayed = relay_rx.recv_timeout(Duration.from_secs(5)).unwrap()
    assert relayed.send(2) == Ok(None)
    drop(tx)
    drop(back)
    drop(relayed)
    assert list(rx.try_iter()) == [1, 2]
    assert rx.try_recv() == Err(mpsc.TryRecvError.Disconnected)


# --------------------------------------------------------------------------
# 5. GeneratorExit is not a panic
# --------------------------------------------------------------------------


def test_leaving_a_generator_inside_a_lock_does_not_poison() -> None:
    m, rw = Mutex(0), RwLock(0)

    def under_mutex() -> Iterator[int]:
        with m.lock().unwrap() as g:
            yield g.value
            yield g.value

    def under_write() -> Iterator[int]:
        with rw.write().unwrap() as g:
            yield g.value
            yield g.value

    for _ in under_mutex():
        break
    gen = under_write()
    next(gen)
    gen.close()
    assert not m.is_poisoned()
    assert not rw.is_poisoned()
    assert m.try_lock().is_ok()
    assert rw.try_write().is_ok()


# --------------------------------------------------------------------------
# 6. A guard inside a panic is released
# --------------------------------------------------------------------------


def _poison(m: Mutex[int]) -> None:
    with pytest.raises(ValueError, match="poison"), m.lock().unwrap():
        raise ValueError("poison")


def test_unwrap_panicking_on_a_poisoned_lock_releases_the_guard() -> None:
    m = Mutex(0)
    _poison(m)
    with pytest.raises(Panic) as caught:
        m.lock().unwrap()
    assert caught.value.__traceback__ is not None  # the traceback stays alive
    match m.try_lock():
        case Err(TryLockError.Poisoned(error)):
            drop(error.into_inner())
        case other:  # pragma: no cover - the failure being tested
            pytest.fail(f"mutex still locked: {other!r}")
    with pytest.raises(Panic):
        Mutex(1).lock().unwrap_err()  # Ok(guard) is consumed too
    rw = RwLock(0)
    with pytest.raises(Panic), rw.write().unwrap():
        raise Panic("poison")
    with pytest.raises(Panic):
        rw.write().expect("writable")
    assert rw.try_read().is_err()
    assert rw.try_read() != Err(TryLockError.WouldBlock)


def test_a_guard_left_in_a_threads_default_container_is_released() -> None:
    m = Mutex(0)

    def keep(box: list[Any] = []) -> None:  # noqa: B006
        box.append(m.lock().unwrap())
        raise ValueError("panic while holding")

    assert join(thread.spawn(keep)).is_err()
    assert m.is_poisoned()
    assert m.try_lock() != Err(TryLockError.WouldBlock)

    def keep_quietly(box: list[Any] = []) -> None:  # noqa: B006
        box.append(m.lock().unwrap_or_else(lambda e: e.into_inner()))

    assert join(thread.spawn(keep_quietly)).is_ok()
    assert m.try_lock() != Err(TryLockError.WouldBlock)


# --------------------------------------------------------------------------
# 7. A new thread with a reused id is not the old owner
# --------------------------------------------------------------------------


def _in_thread_with_ident(ident: int, body: Any) -> bool:
    """Run `body` in a new thread that has `ident` (threads reuse ids);
    return whether such a thread came."""
    for _ in range(200):
        h = thread.spawn(lambda: threading.get_ident() == ident and body())
        if join(h).unwrap():
            return True
    return False  # pragma: no cover - the platform did not reuse an id


@pytest.mark.parametrize("kind", ["mutex", "rwlock"])
def test_a_reused_thread_id_does_not_own_a_leaked_lock(kind: str) -> None:
    lock: Any = Mutex(0) if kind == "mutex" else RwLock(0)
    take = lock.lock if kind == "mutex" else lock.write
    leaked: list[Any] = []
    old_ident: list[int] = []
    started, ready = threading.Event(), threading.Event()
    outcome: list[Any] = []

    def body() -> bool:
        started.set()
        try:
            result = take()
            outcome.append(result.is_ok())
            drop(result.unwrap())
        except BaseException as exc:
            outcome.append(exc)
        return True

    found: list[bool] = []
    # Started first, so that the thread ending below leaves its id free.
    waiter = run_in_thread(
        lambda: (
            ready.wait(WAIT) and found.append(_in_thread_with_ident(*old_ident, body))
        )
    )
    first = thread.spawn(
        lambda: leaked.append(take().unwrap()) or threading.get_ident()
    )
    old_ident.append(join(first).unwrap())
    ready.set()
    started.wait(WAIT)
    waiter.join(0.2)
    if not started.is_set():  # pragma: no cover - the platform did not reuse one
        waiter.join(WAIT)
        pytest.skip("no new thread got the old thread's id")
    assert outcome == []  # it blocks: the lock is held by the leaked guard
    leaked.clear()  # the guard is freed: the lock is released
    waiter.join(WAIT)
    assert outcome == [True]
    assert found == [True]


# --------------------------------------------------------------------------
# 8. Moves and the Send check
# --------------------------------------------------------------------------


def test_dropping_a_value_moved_into_a_running_thread_is_refused() -> None:
    tx, rx = mpsc.channel()
    go_tx, go_rx = mpsc.channel()
    h = thread.spawn(lambda tx=tx, go=go_rx: go.recv() and tx.send(1))
    with pytest.raises(UseAfterDropError, match="moved"):
        drop(tx)
    go_tx.send(True).unwrap()
    assert join(h) == Ok(Ok(None))
    assert rx.recv_timeout(Duration.from_secs(5)) == Ok(1)


def test_a_thread_cannot_return_what_is_not_send() -> None:
    m = Mutex(0)
    result = join(thread.spawn(lambda: m.lock().unwrap()))
    assert isinstance(result.err(), TypeError)
    assert "`MutexGuard<int>` cannot be sent between threads safely" in str(
        result.err()
    )
    assert m.try_lock() != Err(TryLockError.WouldBlock)
    result = join(thread.spawn(lambda: Rc(5)))
    assert "`Rc<int>` cannot be sent" in str(result.err())


def test_an_rc_in_a_deque_cannot_cross_threads() -> None:
    items = deque([1, Rc(2)])
    with pytest.raises(TypeError, match="`Rc<int>` cannot be sent"):
        thread.spawn(lambda items=items: len(items))


def test_an_rc_cannot_cross_threads_through_a_channel() -> None:
    tx, rx = mpsc.channel()
    h = thread.spawn(lambda rx=rx: rx.recv())
    with pytest.raises(TypeError, match="`Rc<int>` cannot be sent"):
        tx.send(Rc(1))
    tx.send(2).unwrap()
    assert join(h) == Ok(Ok(2))
    tx2, rx2 = mpsc.channel()
    tx2.send(Rc(3)).unwrap()  # one thread only: fine, as in Rust
    with pytest.raises(TypeError, match="cannot be sent"):
        thread.spawn(lambda rx=rx2: rx.recv())


# --------------------------------------------------------------------------
# 9. The Send check visits each object once
# --------------------------------------------------------------------------


@pytest.mark.timeout(10)
def test_send_check_on_shared_structure_is_fast() -> None:
    a: list[Any] = []
    a.extend([a] * 10)
    assert join(thread.spawn(lambda: len(a))) == Ok(10)
    b: list[Any] = [Rc(1)]
    b.extend([b] * 10)
    with pytest.raises(TypeError, match="Rc"):
        thread.spawn(lambda: len(b))


@pytest.mark.parametrize("kind", [list, tuple, frozenset, set, deque])
def test_send_check_reads_every_item_of_a_long_container(kind: Any) -> None:
    plain = kind(range(1000))
    assert join(thread.spawn(lambda: len(plain))) == Ok(1000)
    mixed = kind([*range(1000), "text", 1.5, Rc(1)])  # the Rc comes last
    with pytest.raises(TypeError, match=r"`Rc<int>` cannot be sent"):
        thread.spawn(lambda: len(mixed))
    keyed = {i: i for i in range(1000)} | {"last": Rc(2)}
    with pytest.raises(TypeError, match=r"`Rc<int>` cannot be sent"):
        thread.spawn(lambda: len(keyed))


# --------------------------------------------------------------------------
# 10, 11. spawn and Builder check their arguments at the call
# --------------------------------------------------------------------------


@pytest.mark.parametrize("f", [5, None, lambda x: x], ids=["int", "None", "arity"])
def test_spawn_refuses_what_it_cannot_call(f: Any) -> None:
    with pytest.raises(TypeError, match="spawn"):
        thread.spawn(f)
    with pytest.raises(TypeError, match="spawn"):
        thread.Builder().spawn(f)
    with pytest.raises(TypeError, match="spawn"):
        thread.scope(lambda s: s.spawn(f))


def test_scope_refuses_what_it_cannot_call() -> None:
    with pytest.raises(TypeError, match="scope"):
        thread.scope(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="scope"):
        thread.scope(lambda: None)  # type: ignore[arg-type,misc]


def test_builder_validates_its_arguments() -> None:
    with pytest.raises(TypeError, match="name"):
        thread.Builder().name(5)  # type: ignore[arg-type]
    for size in ("big", 1.5, True):
        with pytest.raises(TypeError, match="stack"):
            thread.Builder().stack_size(size)  # type: ignore[arg-type]
    result = thread.Builder().stack_size(2**64).spawn(lambda: None)
    assert isinstance(result.err(), OSError)


# --------------------------------------------------------------------------
# 12, 13. Clear errors, no copies of locks
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: Duration.from_secs(1).checked_sub(5),
        lambda: Instant.now().duration_since(5),
        lambda: Arc.ptr_eq(Arc(1), 5),
        lambda: Arc.clone(5),
        lambda: Rc.strong_count(5),
        lambda: Cell(1).swap(5),
        lambda: mpsc.sync_channel(1.5),
        lambda: AtomicI32(5).compare_exchange(5.0, 6, Ordering.SeqCst, Ordering.SeqCst),
        lambda: AtomicBool(False).compare_exchange(
            0, True, Ordering.SeqCst, Ordering.SeqCst
        ),
    ],
)
def test_wrong_argument_types_are_type_errors(call: Any) -> None:
    with pytest.raises(TypeError) as caught:
        call()
    assert "attribute" not in str(caught.value)


def test_get_mut_through_an_arc_says_what_to_do() -> None:
    with pytest.raises(TypeError, match=r"Arc\.get_mut"):
        Arc(Mutex(5)).get_mut()


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy])
def test_locks_guards_and_handles_cannot_be_copied(copier: Any) -> None:
    m = Mutex(0)
    guard = m.lock().unwrap()
    tx, rx = mpsc.channel()
    for value in (m, guard, RwLock(0), Condvar(), Arc(1), tx, rx):
        with pytest.raises(TypeError, match="cannot be copied"):
            copier(value)
    drop(guard)


class _ChangesItsContainer:
    """Stands for another thread changing a container while the Send check
    reads it: checking this value adds an item to the container."""

    def __init__(self, add: Any) -> None:
        self.add = add

    def _blame(self, sync: bool, visit: Any) -> None:
        self.add()


def test_send_check_reads_containers_another_thread_is_changing() -> None:
    items: deque[Any] = deque()
    items.extend([_ChangesItsContainer(lambda: items.append(0)), ()])
    table: dict[Any, Any] = {}
    table.update({0: _ChangesItsContainer(lambda: table.update({len(table): 0}))})
    table[1] = ()
    members: set[Any] = set()
    members.update({_ChangesItsContainer(lambda: members.add(len(members))), ()})
    for container in (items, table, members):
        assert join(thread.spawn(lambda c=container: len(c))).is_ok()
