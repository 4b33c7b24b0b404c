# Default arguments are how values move into threads: B008 is the point here.
# ruff: noqa: B008
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import pytest
from prim_helpers import WAIT, join

from primitives import Err, Ok, Panic, UseAfterDropError, drop, thread
from primitives.sync import Arc, Mutex, MutexGuard, PoisonError, TryLockError
from primitives.time import Duration


def poison(m: Mutex[Any]) -> None:
    with pytest.raises(ValueError, match="inside"), m.lock().unwrap():
        raise ValueError("inside")


def test_lock_returns_ok_guard_and_releases_at_with_end() -> None:
    m = Mutex(5)
    result = m.lock()
    assert isinstance(result, Ok)
    guard = result.unwrap()
    assert isinstance(guard, MutexGuard)
    with guard as same:
        assert same is guard  # entering a held guard does not lock again
        assert same.value == 5
        same.value = 6
    assert m.try_lock().is_ok()
    assert m.into_inner() == Ok(6)


def test_repr_follows_rust_debug() -> None:
    m = Mutex(6)
    assert repr(m) == "Mutex { data: 6, poisoned: false, .. }"
    guard = m.lock().unwrap()
    assert repr(m) == "Mutex { data: <locked>, poisoned: false, .. }"
    assert repr(guard) == "6"
    assert str(guard) == "6"
    assert f"{guard} {guard:>3}" == "6   6"
    drop(guard)
    assert repr(guard) == "<dropped MutexGuard>"
    poison(m)
    assert repr(m) == "Mutex { data: 6, poisoned: true, .. }"
    assert repr(m.lock()) == "Err(PoisonError { .. })"


def test_guard_derefs_to_value() -> None:
    m = Mutex({"a": 1})
    with m.lock().unwrap() as g:
        g["a"] += 1
        g["b"] = 5
        assert g["a"] == 2
        assert "b" in g
        assert len(g) == 2
        assert sorted(g) == ["a", "b"]
        assert g.get("missing", 0) == 0
        del g["b"]
        assert bool(g)
    lst = Mutex([1])
    with lst.lock().unwrap() as g:
        g.append(2)
        g += [3]
        assert g.value == [1, 2, 3]


def test_guard_augmented_assignment_and_attribute_assignment() -> None:
    @dataclass
    class Account:
        balance: int

    acct = Mutex(Account(100))
    with acct.lock().unwrap() as a:
        a.balance -= 30
        assert a.balance == 70
    n = Mutex(5)
    with n.lock().unwrap() as g:
        g += 1
        g -= 2
        g *= 3
    assert n.into_inner() == Ok(12)


def test_guard_use_after_release_says_so() -> None:
    m = Mutex([1])
    g = m.lock().unwrap()
    drop(g)
    for action in (
        lambda: g.value,
        lambda: g.append(2),
        lambda: g[0],
        lambda: g.__enter__(),
        lambda: drop(g),
    ):
        with pytest.raises(UseAfterDropError, match="MutexGuard was already dropped"):
            action()
    with pytest.raises(UseAfterDropError):
        g.value = 3


def test_guard_exit_after_manual_drop_is_fine() -> None:
    m = Mutex(0)
    with m.lock().unwrap() as g:
        drop(g)
    assert m.try_lock().is_ok()


def test_block_exit_leaves_a_guard_taken_inside_the_block_held() -> None:
    m = Mutex(0)
    with m.lock().unwrap() as g:
        drop(g)
        again = m.lock().unwrap()
    assert m.try_lock() == Err(TryLockError.WouldBlock)
    again.value = 5  # still held: the block's exit released nothing
    drop(again)
    assert m.try_lock().unwrap().value == 5
    with pytest.raises(UseAfterDropError, match="MutexGuard was already dropped"):
        g.value  # noqa: B018


def test_temporary_guard_is_released_when_freed() -> None:
    m = Mutex(0)
    m.lock().unwrap().value += 1  # like Rust's `*m.lock().unwrap() += 1;`
    assert m.try_lock().unwrap().value == 1

    def add_one() -> None:
        num = m.lock().unwrap()
        num.value += 1  # released when the function returns

    add_one()
    assert m.into_inner() == Ok(2)


def test_try_lock_would_block_and_poisoned() -> None:
    m = Mutex(0)
    g = m.lock().unwrap()
    r = m.try_lock()
    assert r == Err(TryLockError.WouldBlock)
    assert repr(r) == "Err(WouldBlock)"
    match r:
        case Err(TryLockError.WouldBlock):
            pass
        case _:  # pragma: no cover
            pytest.fail("pattern did not match")
    assert str(TryLockError.WouldBlock) == (
        "try_lock failed because the operation would block"
    )
    drop(g)
    poison(m)
    r2 = m.try_lock()
    assert repr(r2) == "Err(Poisoned(..))"
    match r2:
        case Err(TryLockError.Poisoned(error)):
            assert isinstance(error, PoisonError)
            guard = error.into_inner()
            assert guard.value == 0
            drop(guard)
        case _:  # pragma: no cover
            pytest.fail("pattern did not match")
    assert isinstance(r2.err(), TryLockError)
    assert r2.err().value is r2.err().error  # type: ignore[union-attr]
    assert str(r2.err()) == "poisoned lock: another task failed inside"


def test_lock_by_holding_thread_panics_instead_of_hanging() -> None:
    m = Mutex(0)
    g = m.lock().unwrap()
    with pytest.raises(Panic, match="already holds the lock"):
        m.lock()
    drop(g)


def test_poisoning_and_recovery() -> None:
    m = Mutex(1)
    assert not m.is_poisoned()
    poison(m)
    assert m.is_poisoned()
    r = m.lock()
    assert r.is_err()
    err = r.unwrap_err()
    assert isinstance(err, PoisonError)
    assert str(err) == "poisoned lock: another task failed inside"
    guard = err.get_ref()
    assert guard.value == 1
    drop(guard)
    with pytest.raises(Panic, match=r"on an `Err` value: PoisonError \{ \.\. \}"):
        m.lock().unwrap()
    assert m.into_inner().unwrap_err().into_inner() == 1
    m.clear_poison()
    assert not m.is_poisoned()
    assert m.lock().is_ok()


def test_panic_in_spawned_thread_poisons_shared_mutex() -> None:
    data = Arc(Mutex(0))

    def work(data: Arc[Mutex[int]] = data.clone()) -> None:
        with data.lock().unwrap() as g:
            g.value += 1
            raise Panic("boom")

    assert join(thread.spawn(work)).is_err()
    assert data.is_poisoned()
    recovered = data.lock().unwrap_or_else(PoisonError.into_inner)
    assert recovered.value == 1


def test_lock_blocks_until_released() -> None:
    m = Arc(Mutex(0))
    g = m.lock().unwrap()
    started = threading.Event()

    def work(m: Arc[Mutex[int]] = m.clone()) -> int:
        started.set()
        with m.lock().unwrap() as inner:
            return int(inner.value)

    h = thread.spawn(work)
    assert started.wait(WAIT)
    thread.sleep(Duration.from_millis(20))
    assert not h.is_finished()
    g.value = 42
    drop(g)
    assert join(h) == Ok(42)


def test_guard_released_from_another_thread_is_refused() -> None:
    m = Mutex(0)
    g = m.lock().unwrap()
    errors: list[BaseException] = []

    def other() -> None:
        try:
            drop(g)
        except RuntimeError as exc:
            errors.append(exc)

    t = threading.Thread(target=other)
    t.start()
    t.join(WAIT)
    assert "must be released by the thread that acquired it" in str(errors[0])
    drop(g)
    # __exit__ from another thread also goes through the same check
    g2 = m.lock().unwrap()

    def exit_elsewhere() -> None:
        try:
            g2.__exit__(None, None, None)
        except RuntimeError as exc:
            errors.append(exc)

    t2 = threading.Thread(target=exit_elsewhere)
    t2.start()
    t2.join(WAIT)
    assert len(errors) == 2
    drop(g2)


def test_guard_freed_in_another_thread_still_releases() -> None:
    m = Mutex(0)
    box: list[Any] = [m.lock().unwrap()]
    t = threading.Thread(target=box.clear)
    t.start()
    t.join(WAIT)
    assert m.try_lock().is_ok()


def test_into_inner_waits_for_lock_and_keeps_mutex_usable() -> None:
    m = Mutex("x")
    assert m.into_inner() == Ok("x")
    assert m.lock().unwrap().value == "x"


def test_rust_type_name() -> None:
    assert Mutex(1)._rust_type() == "Mutex<int>"
    g = Mutex([1]).lock().unwrap()
    assert g._rust_type() == "MutexGuard<list>"
    drop(g)
    assert g._rust_type() == "MutexGuard"


def test_guard_private_attribute_lookup_fails_cleanly() -> None:
    g = Mutex(1).lock().unwrap()
    with pytest.raises(AttributeError):
        _ = g._not_there
