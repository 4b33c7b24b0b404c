"""Edge cases of the Send check, guards and panic reporting."""

from __future__ import annotations

import gc
import pickle
import sys
import threading
from typing import Any

import pytest
from prim_helpers import join

from primitives import Err, Panic, drop, thread
from primitives.cell import Ref, RefCell, RefMut
from primitives.rc import Rc
from primitives.sync import (
    Arc,
    Mutex,
    RwLock,
    RwLockReadGuard,
    RwLockWriteGuard,
    TryLockError,
)
from primitives.sync._mutex import _HeldMutexGuard


def test_arc_around_guards_follows_sync_rules() -> None:
    m = Mutex(1)
    g = m.lock().unwrap()
    # Arc<MutexGuard<int>>: MutexGuard<int> is Sync but not Send
    with pytest.raises(TypeError, match=r"`MutexGuard<int>` cannot be sent"):
        thread.spawn(lambda a=Arc(g): a)  # noqa: B008
    drop(g)
    rw = RwLock(Rc(1))
    r = rw.read().unwrap()
    with pytest.raises(TypeError, match=r"`Rc<int>` cannot be shared"):
        thread.spawn(lambda a=Arc(r): a)  # noqa: B008
    drop(r)
    w = rw.write().unwrap()
    with pytest.raises(TypeError, match=r"`Rc<int>` cannot be shared"):
        thread.spawn(lambda a=Arc(w): a)  # noqa: B008
    drop(w)
    cell = RefCell(0)
    b = cell.borrow()
    with pytest.raises(TypeError, match=r"`Ref<int>` cannot be shared"):
        thread.spawn(lambda a=Arc(b): a)  # noqa: B008
    drop(b)


def test_very_deep_nesting_is_not_followed_forever() -> None:
    value: Any = Rc(1)
    for _ in range(20):
        value = [value]
    with pytest.raises(TypeError, match="Rc<int>"):
        thread.spawn(lambda v=value: 1)
    for _ in range(100):
        value = [value]
    assert join(thread.spawn(lambda v=value: 1)).unwrap() == 1  # too deep to see


def test_bound_method_self_is_captured() -> None:
    rc = Rc(1)
    with pytest.raises(TypeError, match="Rc<int>"):
        thread.spawn(rc.clone)


def test_empty_closure_cell_is_skipped() -> None:
    def outer() -> Any:
        def inner() -> Any:
            return later

        h = thread.spawn(inner)  # `later` is not assigned yet
        later = 1
        return h

    result = join(outer())
    assert isinstance(result.err(), NameError)


def test_callable_object_is_accepted() -> None:
    class Task:
        def __call__(self) -> int:
            return 7

    assert join(thread.spawn(Task())).unwrap() == 7


def test_would_block_pickles_to_itself() -> None:
    assert (
        pickle.loads(pickle.dumps(TryLockError.WouldBlock)) is TryLockError.WouldBlock
    )


@pytest.mark.parametrize(
    "kind", [_HeldMutexGuard, RwLockReadGuard, RwLockWriteGuard, Ref, RefMut]
)
def test_half_built_guard_is_freed_quietly(
    kind: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    reported: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    guard = object.__new__(kind)
    del guard  # its finalizer must not fail on the missing slots
    gc.collect()
    assert reported == []


def test_pointer_own_slot_lookup_fails_cleanly() -> None:
    a = object.__new__(Arc)
    with pytest.raises(AttributeError):
        _ = a._alloc
    object.__setattr__(a, "_dropped", True)  # keep __del__ quiet


def test_exit_of_released_guard_is_quiet() -> None:
    cell = RefCell(0)
    g = cell.borrow()
    assert not g._is_dropped()
    drop(g)
    assert g._is_dropped()
    g.__exit__(None, None, None)


def test_panic_location_outside_the_working_directory(
    capfd: pytest.CaptureFixture[str],
) -> None:
    namespace: dict[str, Any] = {}
    code = compile(
        "def boom():\n    raise ValueError('far away')\n", "/far/away.py", "exec"
    )
    exec(code, namespace)
    assert isinstance(join(thread.spawn(namespace["boom"])).err(), ValueError)
    err = capfd.readouterr().err
    assert "panicked at /far/away.py:2:" in err


def test_panic_location_inside_the_package(capfd: pytest.CaptureFixture[str]) -> None:
    result = join(thread.spawn(Err("x").unwrap))
    assert result.is_err()
    assert "panicked at <unknown>:" in capfd.readouterr().err


def test_thread_cannot_join_itself() -> None:
    box: list[Any] = []
    ready = threading.Event()

    def body() -> str:
        ready.wait(5)
        try:
            box[0].join()
        except Panic as exc:
            return str(exc)
        return "joined?"  # pragma: no cover

    h = thread.spawn(body)
    box.append(h)
    ready.set()
    assert join(h).unwrap() == "a thread cannot join itself: that would deadlock"


def test_panic_report_failure_still_finishes_the_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stderr", None)
    assert isinstance(join(thread.spawn(lambda: 1 / 0)).err(), ZeroDivisionError)

    class Broken:
        def write(self, text: str) -> None:
            raise OSError("closed")

    monkeypatch.setattr(sys, "stderr", Broken())
    assert isinstance(join(thread.spawn(lambda: 1 / 0)).err(), ZeroDivisionError)


def test_guard_in_a_garbage_cycle_is_released_by_the_collector() -> None:
    m = Mutex(0)
    cycle: list[Any] = [m.lock().unwrap()]
    cycle.append(cycle)
    del cycle
    gc.collect()
    assert m.try_lock().is_ok()


def test_rc_cycle_is_collected_and_counts_fall() -> None:
    outer = Rc(RefCell([]))
    inner = outer.clone()
    inner.borrow_mut().append(inner)  # the list holds a handle to itself
    del inner
    assert Rc.strong_count(outer) == 2  # like Rust: the cycle keeps it alive
    outer.borrow_mut().clear()
    gc.collect()
    assert Rc.strong_count(outer) == 1
