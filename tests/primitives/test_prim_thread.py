# Default arguments are how values move into threads: B008 is the point here.
# ruff: noqa: B008
from __future__ import annotations

import threading
from typing import Any

import pytest
from prim_helpers import WAIT, join, wait_until

from primitives import Err, Ok, Panic, UseAfterDropError, drop, thread
from primitives.cell import Cell, RefCell
from primitives.rc import Rc
from primitives.sync import Arc, Mutex, RwLock, mpsc
from primitives.time import Duration, Instant


def test_spawn_join_returns_ok_value() -> None:
    h = thread.spawn(lambda: 6 * 7)
    assert join(h) == Ok(42)
    assert h.is_finished()
    assert repr(h) == "JoinHandle { .. }"


def test_join_twice_is_an_error() -> None:
    h = thread.spawn(lambda: None)
    join(h)
    with pytest.raises(UseAfterDropError, match="already joined"):
        h.join()


def test_panic_is_reported_and_returned(capfd: pytest.CaptureFixture[str]) -> None:
    error = ValueError("bad input")

    def work() -> None:
        raise error

    result = join(thread.spawn(work))
    assert isinstance(result, Err)
    assert result.err() is error
    err = capfd.readouterr().err
    assert "thread '<unnamed>' panicked at " in err
    assert "test_prim_thread.py:" in err
    assert "ValueError: bad input" in err


def test_panic_message_for_panic_and_named_thread(
    capfd: pytest.CaptureFixture[str],
) -> None:
    b = thread.Builder().name("worker-1")
    h = b.spawn(lambda: Err("nope").unwrap()).unwrap()
    result = join(h)
    assert isinstance(result.err(), Panic)
    err = capfd.readouterr().err
    assert err.startswith("thread 'worker-1' panicked at ")
    assert err.endswith(":\ncalled `Result::unwrap()` on an `Err` value: 'nope'\n")


def test_is_finished_and_thread() -> None:
    gate = threading.Event()
    h = thread.spawn(lambda: gate.wait(WAIT))
    assert not h.is_finished()
    assert h.thread().name() is None
    gate.set()
    assert join(h) == Ok(True)


def test_main_thread_identity() -> None:
    # pytest runs tests on the main thread
    me = thread.current()
    assert me.name() == "main"
    assert me.id() == thread.current().id()
    assert repr(me.id()) == "ThreadId(1)"
    assert me.id().as_u64() == 1
    assert repr(me) == 'Thread { id: ThreadId(1), name: Some("main"), .. }'


def test_thread_ids_increase_in_creation_order() -> None:
    handles = [thread.spawn(lambda: thread.current().id()) for _ in range(4)]
    ids = [join(h).unwrap() for h in handles]
    assert ids == [h.thread().id() for h in handles]
    numbers = [i.as_u64() for i in ids]
    assert numbers == sorted(numbers)
    assert len(set(numbers)) == 4
    assert all(n >= 2 for n in numbers)
    assert ids[0] < ids[1]
    assert ids[0] <= ids[1]
    assert ids[0] != ids[1]
    assert len({ids[0], ids[0], ids[1]}) == 2
    assert ids[0].__lt__(1) is NotImplemented  # type: ignore[operator]
    assert ids[0].__le__(1) is NotImplemented  # type: ignore[operator]
    assert ids[0] != 1


def test_foreign_threads_get_an_unnamed_handle() -> None:
    seen: list[Any] = []
    t = threading.Thread(target=lambda: seen.append(thread.current()))
    t.start()
    t.join(WAIT)
    assert seen[0].name() is None
    assert seen[0].id().as_u64() > 1
    assert repr(seen[0]).endswith("name: None, .. }")


def test_builder_name_stack_size_and_repr() -> None:
    b = thread.Builder().name("big").stack_size(4096)
    assert repr(b) == "Builder { .. }"
    h = b.spawn(lambda: thread.current().name()).unwrap()
    assert join(h) == Ok("big")
    assert h.thread().name() == "big"
    big = thread.Builder().stack_size(4 * 1024 * 1024 + 1)
    assert join(big.spawn(lambda: 1).unwrap()) == Ok(1)
    with pytest.raises(ValueError, match="negative"):
        thread.Builder().stack_size(-1)
    with pytest.raises(Panic, match="null bytes"):
        thread.Builder().name("a\0b")


def test_builder_spawn_returns_err_when_os_refuses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    result = thread.Builder().spawn(lambda: 1)
    assert isinstance(result, Err)
    assert isinstance(result.err(), OSError)

    def body(s: thread.Scope) -> Any:
        return thread.Builder().spawn_scoped(s, lambda: 1)

    assert thread.scope(body).is_err()


def test_sleep_blocks_and_checks_type() -> None:
    start = Instant.now()
    thread.sleep(Duration.from_millis(20))
    assert start.elapsed() >= Duration.from_millis(19)
    with pytest.raises(TypeError, match="takes a Duration"):
        thread.sleep(0.1)  # type: ignore[arg-type]


def test_yield_now_and_available_parallelism() -> None:
    thread.yield_now()
    assert thread.available_parallelism().unwrap() >= 1
    assert thread.panicking() is False


# -- park / unpark -------------------------------------------------------


def test_unpark_before_park_returns_at_once() -> None:
    thread.current().unpark()
    start = Instant.now()
    thread.park()
    assert start.elapsed() < Duration.from_secs(1)


def test_tokens_do_not_accumulate() -> None:
    me = thread.current()
    me.unpark()
    me.unpark()
    thread.park()  # consumes the single token
    start = Instant.now()
    thread.park_timeout(Duration.from_millis(30))  # no token left: times out
    assert start.elapsed() >= Duration.from_millis(25)


def test_park_waits_for_unpark_from_other_thread() -> None:
    parked = threading.Event()

    def sleeper() -> str:
        parked.set()
        thread.park()
        return "woken"

    h = thread.spawn(sleeper)
    assert parked.wait(WAIT)
    thread.sleep(Duration.from_millis(10))
    assert not h.is_finished()
    h.thread().unpark()
    assert join(h) == Ok("woken")


def test_park_timeout_checks_type() -> None:
    with pytest.raises(TypeError):
        thread.park_timeout(1)  # type: ignore[arg-type]


# -- the Send check ------------------------------------------------------


def test_rc_in_closure_cell_is_refused() -> None:
    def make() -> Any:
        rc = Rc(5)
        return lambda: rc

    with pytest.raises(TypeError) as info:
        thread.spawn(make())
    assert str(info.value) == "`Rc<int>` cannot be sent between threads safely"


def test_rc_in_default_argument_is_refused() -> None:
    rc = Rc([1])
    with pytest.raises(TypeError, match=r"^`Rc<list>` cannot be sent"):
        thread.spawn(lambda rc=rc: rc)
    with pytest.raises(TypeError, match="cannot be sent"):
        thread.Builder().spawn(lambda rc=rc: rc)


GLOBAL_RC = Rc("global")


def test_rc_read_as_global_is_refused() -> None:
    with pytest.raises(TypeError, match=r"`Rc<str>` cannot be sent"):
        thread.spawn(lambda: GLOBAL_RC.value)


def global_reader() -> Any:
    return GLOBAL_RC


def test_rc_reached_through_a_called_function_is_refused() -> None:
    with pytest.raises(TypeError, match=r"`Rc<str>` cannot be sent"):
        thread.spawn(lambda: global_reader())


def test_arc_around_non_sync_is_refused() -> None:
    for inner, name in [
        (Cell(1), "Cell<int>"),
        (RefCell([]), "RefCell<list>"),
        (Rc(1), "Rc<int>"),
        (mpsc.channel()[1], "Receiver<_>"),
    ]:
        a = Arc(inner)
        with pytest.raises(TypeError) as info:
            thread.spawn(lambda a=a: a)
        assert str(info.value) == f"`{name}` cannot be shared between threads safely"


def test_guards_are_refused() -> None:
    m = Mutex(1)
    guard = m.lock().unwrap()
    with pytest.raises(TypeError, match=r"`MutexGuard<int>` cannot be sent"):
        thread.spawn(lambda g=guard: g)
    drop(guard)
    rw = RwLock("x")
    r = rw.read().unwrap()
    with pytest.raises(TypeError, match=r"`RwLockReadGuard<str>` cannot be sent"):
        thread.spawn(lambda: r)
    drop(r)
    w = rw.write().unwrap()
    with pytest.raises(TypeError, match=r"`RwLockWriteGuard<str>` cannot be sent"):
        thread.spawn(lambda: w)
    drop(w)
    cell = RefCell(0)
    b = cell.borrow()
    with pytest.raises(TypeError, match=r"`Ref<int>` cannot be sent"):
        thread.spawn(lambda: b)
    drop(b)
    bm = cell.borrow_mut()
    with pytest.raises(TypeError, match=r"`RefMut<int>` cannot be sent"):
        thread.spawn(lambda: bm)


def test_nested_values_are_checked() -> None:
    rc = Rc(1)
    with pytest.raises(TypeError, match="Rc<int>"):
        thread.spawn(lambda xs=[1, (2, rc)]: xs)
    with pytest.raises(TypeError, match="Rc<int>"):
        thread.spawn(lambda d={"k": rc}: d)
    with pytest.raises(TypeError, match="Rc<int>"):
        thread.spawn(lambda m=Mutex(rc): m)
    with pytest.raises(TypeError, match=r"`Rc<int>` cannot be shared"):
        thread.spawn(lambda a=Arc(Mutex(Arc(rc))): a)
    with pytest.raises(TypeError, match=r"`Cell<int>` cannot be shared"):
        thread.spawn(lambda a=Arc(RwLock(Cell(1))): a)


def test_send_values_are_accepted() -> None:
    cell = Cell(1)  # Cell is Send: it may move into a thread
    tx, rx = mpsc.channel()
    a = Arc(Mutex([1, 2]))
    h = thread.spawn(lambda c=cell, rx=rx, a=a.clone(), m=Mutex(Cell(2)): c.get())
    assert join(h) == Ok(1)
    drop(tx)


def test_bound_methods_and_partials_are_checked() -> None:
    import functools

    class Holder:
        def __init__(self) -> None:
            self.rc = Rc(1)

        def run(self) -> int:
            return 1

    # a plain object's attributes are not inspected: only captures are
    assert join(thread.spawn(Holder().run)) == Ok(1)
    with pytest.raises(TypeError, match="Rc<int>"):
        thread.spawn(functools.partial(lambda x: x, Rc(1)))


# -- moving values into a thread ------------------------------------------


def test_default_argument_senders_are_dropped_when_thread_ends() -> None:
    tx, rx = mpsc.channel()
    for i in range(3):
        thread.spawn(lambda tx=tx.clone(), i=i: tx.send(i).unwrap())
    drop(tx)
    got = []
    while True:
        r = rx.recv_timeout(Duration.from_secs(5))
        if r.is_err():
            assert r == Err(mpsc.RecvTimeoutError.Disconnected)
            break
        got.append(r.unwrap())
    assert sorted(got) == [0, 1, 2]


def test_default_argument_arcs_are_dropped_even_on_panic() -> None:
    a = Arc(0)

    def fail(a: Arc[int] = a.clone()) -> None:
        raise Panic("oops")

    h = thread.spawn(fail)
    assert isinstance(join(h).err(), Panic)
    assert Arc.strong_count(a) == 1


def test_default_argument_dropped_by_hand_is_not_dropped_again() -> None:
    a = Arc(0)

    def work(a: Arc[int] = a.clone()) -> int:
        drop(a)
        return 1

    assert join(thread.spawn(work)) == Ok(1)
    assert Arc.strong_count(a) == 1


def test_strong_count_falls_when_threads_end() -> None:
    a = Arc(Mutex(0))
    handles = [
        thread.spawn(lambda a=Arc.clone(a): a.lock().unwrap().value) for _ in range(5)
    ]
    for h in handles:
        assert join(h) == Ok(0)
    assert Arc.strong_count(a) == 1


def test_kwonly_and_partial_arguments_are_dropped() -> None:
    import functools

    a = Arc(1)

    def work(*, a: Arc[int] = a.clone()) -> int:
        return a.value

    assert join(thread.spawn(work)) == Ok(1)

    def work2(a: Arc[int]) -> int:
        return a.value

    assert join(thread.spawn(functools.partial(work2, a.clone()))) == Ok(1)
    assert Arc.strong_count(a) == 1


def test_guard_left_in_a_panicking_thread_is_released_and_poisoned() -> None:
    m = Arc(Mutex(0))

    def work(m: Arc[Mutex[int]] = m.clone()) -> None:
        guard = m.lock().unwrap()
        guard.value += 1
        raise Panic("while holding the lock")

    assert join(thread.spawn(work)).is_err()
    assert m.is_poisoned()
    r = m.lock()
    assert r.is_err()
    assert r.unwrap_err().into_inner().value == 1


def test_guard_left_in_a_finished_thread_is_released_without_poison() -> None:
    m = Arc(Mutex(0))

    def work(m: Arc[Mutex[int]] = m.clone()) -> int:
        guard = m.lock().unwrap()
        guard.value += 1
        return 1

    assert join(thread.spawn(work)) == Ok(1)
    assert not m.is_poisoned()
    assert m.try_lock().unwrap().value == 1


# -- scope -----------------------------------------------------------------


def test_scope_joins_every_thread_and_returns_value() -> None:
    counter = Mutex(0)
    finished = []

    def body(s: thread.Scope) -> str:
        for _ in range(4):

            def work() -> None:
                thread.sleep(Duration.from_millis(5))
                with counter.lock().unwrap() as g:
                    g.value += 1
                finished.append(1)

            s.spawn(work)
        return "done"

    assert thread.scope(body) == "done"
    assert len(finished) == 4
    assert counter.lock().unwrap().value == 4


def test_scope_handle_join_and_nested_spawn() -> None:
    def body(s: thread.Scope) -> list[Any]:
        inner: list[Any] = []
        h = s.spawn(lambda: inner.append(s.spawn(lambda: 2)) or 1)
        assert repr(h) == "ScopedJoinHandle { .. }"
        assert repr(s) == "Scope { .. }"
        first = h.join()
        return [first, inner[0].join()]

    assert thread.scope(body) == [Ok(1), Ok(2)]


def test_scope_panics_if_unjoined_thread_panicked(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(Panic, match="a scoped thread panicked"):
        thread.scope(lambda s: s.spawn(lambda: 1 / 0))
    assert "ZeroDivisionError" in capfd.readouterr().err


def test_scope_does_not_panic_if_panicked_thread_was_joined() -> None:
    def body(s: thread.Scope) -> bool:
        h = s.spawn(lambda: 1 / 0)
        return join(h).is_err()

    assert thread.scope(body) is True


def test_scope_reraises_exception_of_f_after_joining() -> None:
    done = []

    def body(s: thread.Scope) -> None:
        s.spawn(lambda: (thread.sleep(Duration.from_millis(10)), done.append(1)))
        raise KeyError("from f")

    with pytest.raises(KeyError):
        thread.scope(body)
    assert done == [1]


def test_scope_refuses_cell_refcell_and_non_send() -> None:
    cell = Cell(0)
    refcell = RefCell(0)
    rc = Rc(0)

    def body(s: thread.Scope) -> None:
        with pytest.raises(TypeError) as info:
            s.spawn(lambda: cell.set(1))
        assert str(info.value) == "`Cell<int>` cannot be shared between threads safely"
        with pytest.raises(TypeError, match=r"`RefCell<int>` cannot be shared"):
            s.spawn(lambda: refcell.borrow())
        with pytest.raises(TypeError, match=r"`Rc<int>` cannot be sent"):
            s.spawn(lambda: rc)

    thread.scope(body)


def test_scope_cannot_be_used_after_it_ended() -> None:
    saved: list[thread.Scope] = []
    thread.scope(saved.append)
    with pytest.raises(UseAfterDropError, match="scope has already ended"):
        saved[0].spawn(lambda: 1)


def test_scoped_thread_borrows_local_data() -> None:
    data = [1, 2, 3]

    def body(s: thread.Scope) -> None:
        s.spawn(lambda: data.append(4))

    thread.scope(body)
    assert data == [1, 2, 3, 4]


def test_builder_spawn_scoped_names_thread() -> None:
    def body(s: thread.Scope) -> Any:
        h = thread.Builder().name("scoped").spawn_scoped(s, lambda: 5).unwrap()
        return h.join(), h.thread().name()

    assert thread.scope(body) == (Ok(5), "scoped")


def test_spawned_threads_are_daemons() -> None:
    gate = threading.Event()
    h = thread.spawn(lambda: gate.wait(WAIT))
    assert h._native.daemon
    gate.set()
    join(h)


def test_wait_until_helper_times_out() -> None:
    assert wait_until(lambda: False, timeout=0.01) is False
