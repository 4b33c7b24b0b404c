from __future__ import annotations

from typing import Any

import pytest

from primitives import Err, Ok, Panic
from primitives.sync import atomic
from primitives.sync.atomic import (
    AtomicBool,
    AtomicI32,
    AtomicI64,
    AtomicIsize,
    AtomicU32,
    AtomicU64,
    AtomicUsize,
    Ordering,
)

INT_TYPES: list[tuple[Any, int, int]] = [
    (AtomicI32, -(2**31), 2**31 - 1),
    (AtomicU32, 0, 2**32 - 1),
    (AtomicI64, -(2**63), 2**63 - 1),
    (AtomicU64, 0, 2**64 - 1),
    (AtomicUsize, 0, 2**64 - 1),
    (AtomicIsize, -(2**63), 2**63 - 1),
]
ALL = list(Ordering)


@pytest.mark.parametrize(("kind", "lo", "hi"), INT_TYPES)
def test_limits_and_wrapping(kind: Any, lo: int, hi: int) -> None:
    assert (lo, hi) == (kind.MIN, kind.MAX)
    a = kind(hi)
    assert a.fetch_add(1, Ordering.SeqCst) == hi
    assert a.load(Ordering.SeqCst) == lo
    assert a.fetch_sub(1, Ordering.SeqCst) == lo
    assert a.load(Ordering.SeqCst) == hi
    with pytest.raises(ValueError, match="out of range"):
        kind(hi + 1)
    with pytest.raises(ValueError, match="out of range"):
        a.store(lo - 1, Ordering.SeqCst)
    with pytest.raises(TypeError, match="holds an int"):
        a.store(1.0, Ordering.SeqCst)
    with pytest.raises(TypeError):
        a.fetch_add(True, Ordering.SeqCst)


@pytest.mark.parametrize(("kind", "lo", "hi"), INT_TYPES)
def test_integer_operations(kind: Any, lo: int, hi: int) -> None:
    a = kind(10)
    a.store(12, Ordering.Release)
    assert a.load(Ordering.Acquire) == 12
    assert a.swap(3, Ordering.AcqRel) == 12
    assert a.fetch_max(7, Ordering.Relaxed) == 3
    assert a.fetch_min(5, Ordering.Relaxed) == 7
    assert a.load(Ordering.Relaxed) == 5
    assert a.fetch_and(0b110, Ordering.SeqCst) == 5
    assert a.fetch_or(0b001, Ordering.SeqCst) == 0b100
    assert a.fetch_xor(0b111, Ordering.SeqCst) == 0b101
    assert a.load(Ordering.SeqCst) == 0b010
    assert a.fetch_nand(0b011, Ordering.SeqCst) == 0b010
    expected = ~0b010 & (2**kind._bits - 1)
    if kind._signed and expected > hi:
        expected -= 2**kind._bits
    assert a.load(Ordering.SeqCst) == expected
    a.store(1, Ordering.SeqCst)
    assert a.into_inner() == 1
    assert a.get_mut() == 1
    assert int(a) == 1
    assert repr(a) == "1"


def test_compare_exchange_and_fetch_update() -> None:
    a = AtomicUsize(5)
    assert a.compare_exchange(5, 6, Ordering.AcqRel, Ordering.Acquire) == Ok(5)
    assert a.compare_exchange(5, 7, Ordering.SeqCst, Ordering.Relaxed) == Err(6)
    assert a.compare_exchange_weak(6, 8, Ordering.Release, Ordering.Relaxed) == Ok(6)
    assert a.fetch_update(Ordering.SeqCst, Ordering.Acquire, lambda x: x * 2) == Ok(8)
    assert a.fetch_update(Ordering.SeqCst, Ordering.SeqCst, lambda x: None) == Err(16)

    calls = []

    def racing(x: int) -> int:
        calls.append(x)
        if len(calls) == 1:
            a.store(100, Ordering.SeqCst)  # another "thread" changes it first
        return x + 1

    assert a.fetch_update(Ordering.SeqCst, Ordering.SeqCst, racing) == Ok(100)
    assert calls == [16, 100]
    assert a.load(Ordering.SeqCst) == 101


def test_invalid_orderings_panic_like_rust() -> None:
    a = AtomicI32(0)
    with pytest.raises(Panic, match=r"^there is no such thing as a release load$"):
        a.load(Ordering.Release)
    with pytest.raises(Panic, match="an acquire-release load"):
        a.load(Ordering.AcqRel)
    with pytest.raises(Panic, match=r"^there is no such thing as an acquire store$"):
        a.store(1, Ordering.Acquire)
    with pytest.raises(Panic, match="an acquire-release store"):
        a.store(1, Ordering.AcqRel)
    with pytest.raises(Panic, match="a release failure ordering"):
        a.compare_exchange(0, 1, Ordering.SeqCst, Ordering.Release)
    with pytest.raises(Panic, match="an acquire-release failure ordering"):
        a.compare_exchange(0, 1, Ordering.SeqCst, Ordering.AcqRel)
    with pytest.raises(Panic, match="a release failure ordering"):
        a.fetch_update(Ordering.SeqCst, Ordering.Release, lambda x: x)
    with pytest.raises(TypeError, match="expected an Ordering"):
        a.fetch_add(1, "SeqCst")  # type: ignore[arg-type]
    assert a.load(Ordering.SeqCst) == 0
    # every ordering is accepted by read-modify-write operations
    for order in ALL:
        a.fetch_add(1, order)
        a.swap(0, order)


def test_fence() -> None:
    for order in (Ordering.Acquire, Ordering.Release, Ordering.AcqRel, Ordering.SeqCst):
        atomic.fence(order)
    with pytest.raises(Panic, match="relaxed fence"):
        atomic.fence(Ordering.Relaxed)


def test_atomic_bool() -> None:
    flag = AtomicBool(False)
    assert not flag
    assert flag.swap(True, Ordering.SeqCst) is False
    assert flag
    assert flag.fetch_and(False, Ordering.SeqCst) is True
    assert flag.fetch_or(True, Ordering.SeqCst) is False
    assert flag.fetch_xor(True, Ordering.SeqCst) is True
    assert flag.fetch_nand(True, Ordering.SeqCst) is False
    assert flag.load(Ordering.SeqCst) is True
    assert flag.fetch_not(Ordering.SeqCst) is True
    assert flag.compare_exchange(False, True, Ordering.SeqCst, Ordering.SeqCst) == Ok(
        False
    )
    assert repr(flag) == "True"
    with pytest.raises(TypeError, match="holds a bool"):
        flag.store(1, Ordering.SeqCst)  # type: ignore[arg-type]


def test_ordering_repr() -> None:
    assert repr(Ordering.SeqCst) == "SeqCst"
