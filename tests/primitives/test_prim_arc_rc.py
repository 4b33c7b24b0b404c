# Default arguments are how values move into threads: B008 is the point here.
# ruff: noqa: B008
from __future__ import annotations

from typing import Any

import pytest
from prim_helpers import join

from primitives import Err, Ok, UseAfterDropError, drop, thread
from primitives.rc import Rc
from primitives.sync import Arc, Mutex, mpsc


@pytest.mark.parametrize("kind", [Arc, Rc])
def test_clone_count_drop(kind: Any) -> None:
    a = kind([1, 2, 3])
    assert kind.strong_count(a) == 1
    b = a.clone()
    c = kind.clone(a)
    assert kind.strong_count(a) == 3
    assert kind.ptr_eq(a, b)
    assert a.ptr_eq(c)
    assert not kind.ptr_eq(a, kind([1, 2, 3]))
    assert a == kind([1, 2, 3])  # equality compares the values, like Rust
    assert a != kind([0])
    assert a.__eq__([1, 2, 3]) is NotImplemented
    drop(b)
    assert kind.strong_count(a) == 2
    del c  # a handle freed by Python is dropped too
    assert kind.strong_count(a) == 1
    with pytest.raises(UseAfterDropError, match=f"this {kind.__name__} was already"):
        drop(b)
    with pytest.raises(UseAfterDropError):
        _ = b.value
    with pytest.raises(UseAfterDropError):
        b.clone()
    with pytest.raises(UseAfterDropError):
        kind.strong_count(b)
    assert repr(b) == f"<dropped {kind.__name__}>"


@pytest.mark.parametrize("kind", [Arc, Rc])
def test_deref_and_repr(kind: Any) -> None:
    a = kind({"x": 1})
    assert a["x"] == 1
    assert a.get("x") == 1
    assert "x" in a
    assert len(a) == 1
    assert list(a) == ["x"]
    assert bool(a)
    assert a.value == {"x": 1}
    assert repr(a) == "{'x': 1}"
    assert str(kind(5)) == "5"
    assert f"{kind(5):03}" == "005"
    assert hash(kind(5)) == hash(5)
    assert repr(kind(Mutex(0))) == "Mutex { data: 0, poisoned: false, .. }"
    with pytest.raises(AttributeError):
        _ = a._alloc_missing


@pytest.mark.parametrize("kind", [Arc, Rc])
def test_assignment_through_pointer_is_a_type_error(kind: Any) -> None:
    a = kind([1])
    name = kind.__name__
    for action in (
        lambda: setattr(a, "value", 2),
        lambda: a.__setitem__(0, 2),
        lambda: a.__delitem__(0),
        lambda: delattr(a, "value"),
    ):
        with pytest.raises(TypeError, match=f"cannot assign to data in an `{name}`"):
            action()
    with pytest.raises(TypeError, match="Mutex or RwLock"):
        a.value = 5


@pytest.mark.parametrize("kind", [Arc, Rc])
def test_try_unwrap_and_into_inner(kind: Any) -> None:
    a = kind("v")
    b = a.clone()
    r = kind.try_unwrap(a)
    assert isinstance(r, Err)
    assert r.err() is a
    assert kind.into_inner(b) is None  # not the last handle: gives None
    assert kind.strong_count(a) == 1
    assert kind.try_unwrap(a) == Ok("v")
    with pytest.raises(UseAfterDropError):
        kind.strong_count(a)
    assert kind.into_inner(kind(3)) == 3


def test_last_drop_releases_the_value() -> None:
    tx, rx = mpsc.channel()
    a = Arc(tx)
    del tx  # the Arc owns the only Sender now
    b = a.clone()
    drop(a)
    assert rx.try_recv() == Err(mpsc.TryRecvError.Empty)
    drop(b)  # the Sender inside is freed with the last handle
    assert rx.try_recv() == Err(mpsc.TryRecvError.Disconnected)


def test_rust_type_names() -> None:
    assert Arc(Rc(1))._rust_type() == "Arc<Rc<int>>"
    assert Rc("s")._rust_type() == "Rc<str>"


def test_arc_counts_across_threads() -> None:
    a = Arc(Mutex(0))
    handles = []
    for _ in range(8):

        def work(a: Arc[Mutex[int]] = a.clone()) -> int:
            with a.lock().unwrap() as g:
                g.value += 1
            return Arc.strong_count(a)

        handles.append(thread.spawn(work))
    counts = [join(h).unwrap() for h in handles]
    assert all(2 <= c <= 9 for c in counts)
    assert Arc.strong_count(a) == 1
    assert a.lock().unwrap().value == 8


def test_moving_the_same_value_twice_is_refused() -> None:
    a = Arc(0)

    def work(counter: Arc[int] = a.clone()) -> int:
        return counter.value

    assert join(thread.spawn(work)) == Ok(0)
    with pytest.raises(TypeError, match=r"^use of moved value: `counter`$"):
        thread.spawn(work)  # its Arc was dropped when the first thread ended
    b = a.clone()
    drop(b)
    with pytest.raises(TypeError, match="use of moved value: `b`"):
        thread.spawn(lambda b=b: b)
    assert Arc.strong_count(a) == 1


def test_moving_into_a_running_thread_twice_is_refused() -> None:
    import threading

    gate = threading.Event()
    a = Arc(0)

    def work(a: Arc[int] = a.clone(), gate: Any = gate) -> bool:
        return bool(gate.wait(5))

    h = thread.spawn(work)
    with pytest.raises(TypeError, match="use of moved value: `a`"):
        thread.spawn(work)
    gate.set()
    assert join(h) == Ok(True)
    assert Arc.strong_count(a) == 1
