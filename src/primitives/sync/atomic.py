"""Atomic integers and booleans. Mirrors `std::sync::atomic`.

Each atomic keeps its value behind a lock, so every operation is indivisible
and, in fact, sequentially consistent whatever `Ordering` is passed: the
orderings are accepted and checked (an ordering Rust rejects is a `Panic`),
but a weaker ordering never allows the reorderings it would allow in Rust.
Integer arithmetic wraps around at the type's width, as in Rust.

```pycon
>>> from primitives.sync.atomic import AtomicUsize, Ordering
>>> hits = AtomicUsize(0)
>>> hits.fetch_add(1, Ordering.Relaxed)
0
>>> hits.load(Ordering.SeqCst)
1
>>> AtomicUsize(0).fetch_sub(1, Ordering.Relaxed), hits
(0, 1)

```
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import Enum
from typing import ClassVar, Generic, TypeVar

from primitives._core import NotCopyable, Visit
from primitives._result import Err, Ok, Panic, Result

__all__ = [
    "AtomicBool",
    "AtomicI8",
    "AtomicI16",
    "AtomicI32",
    "AtomicI64",
    "AtomicIsize",
    "AtomicU8",
    "AtomicU16",
    "AtomicU32",
    "AtomicU64",
    "AtomicUsize",
    "Ordering",
    "fence",
]

V = TypeVar("V", int, bool)


class Ordering(Enum):
    """Memory orderings. Mirrors `std::sync::atomic::Ordering`.

    All operations here behave as `SeqCst`; the others are accepted where Rust
    accepts them.
    """

    Relaxed = "Relaxed"
    """No ordering constraints, only atomicity."""
    Release = "Release"
    """For stores: earlier writes become visible to an `Acquire` load."""
    Acquire = "Acquire"
    """For loads: see what was written before the matching `Release` store."""
    AcqRel = "AcqRel"
    """Both `Acquire` and `Release`, for read-modify-write operations."""
    SeqCst = "SeqCst"
    """`AcqRel` plus one total order of all `SeqCst` operations."""

    def __repr__(self) -> str:
        return self.name


def _check_ordering(order: Ordering) -> None:
    if not isinstance(order, Ordering):
        raise TypeError(f"expected an Ordering, not {type(order).__name__}")


def _check_load(order: Ordering) -> None:
    _check_ordering(order)
    if order is Ordering.Release:
        raise Panic("there is no such thing as a release load")
    if order is Ordering.AcqRel:
        raise Panic("there is no such thing as an acquire-release load")


def _check_store(order: Ordering) -> None:
    _check_ordering(order)
    if order is Ordering.Acquire:
        raise Panic("there is no such thing as an acquire store")
    if order is Ordering.AcqRel:
        raise Panic("there is no such thing as an acquire-release store")


def _check_failure(order: Ordering) -> None:
    _check_ordering(order)
    if order is Ordering.Release:
        raise Panic("there is no such thing as a release failure ordering")
    if order is Ordering.AcqRel:
        raise Panic("there is no such thing as an acquire-release failure ordering")


def fence(order: Ordering) -> None:
    """A memory fence. Every operation here is already sequentially
    consistent, so this only checks the ordering (`Relaxed` is a `Panic`, as
    in Rust). Mirrors `std::sync::atomic::fence`."""
    _check_ordering(order)
    if order is Ordering.Relaxed:
        raise Panic("there is no such thing as a relaxed fence")


class _Atomic(NotCopyable, Generic[V]):
    """The shared part of every atomic type: a value behind a lock."""

    __slots__ = ("_lock", "_value")

    def __init__(self, value: V) -> None:
        self._lock = threading.Lock()
        self._value: V = self._fit(value)

    def _fit(self, value: V) -> V:  # pragma: no cover - subclasses override
        raise NotImplementedError

    def load(self, order: Ordering) -> V:
        """Read the value. A `Release` or `AcqRel` load is a `Panic`.
        Mirrors `Atomic*::load`."""
        _check_load(order)
        with self._lock:
            return self._value

    def store(self, value: V, order: Ordering) -> None:
        """Write the value. An `Acquire` or `AcqRel` store is a `Panic`.
        Mirrors `Atomic*::store`."""
        _check_store(order)
        value = self._fit(value)
        with self._lock:
            self._value = value

    def swap(self, value: V, order: Ordering) -> V:
        """Write the value and return the previous one. Mirrors `Atomic*::swap`."""
        _check_ordering(order)
        value = self._fit(value)
        with self._lock:
            previous = self._value
            self._value = value
        return previous

    def compare_exchange(
        self, current: V, new: V, success: Ordering, failure: Ordering
    ) -> Result[V, V]:
        """If the value equals `current`, replace it with `new` and return
        `Ok(previous)`; otherwise leave it and return `Err(actual)`. A
        `Release` or `AcqRel` failure ordering is a `Panic`. Mirrors
        `Atomic*::compare_exchange`.

        ```pycon
        >>> from primitives.sync.atomic import AtomicI32, Ordering
        >>> a = AtomicI32(5)
        >>> a.compare_exchange(5, 10, Ordering.AcqRel, Ordering.Acquire)
        Ok(5)
        >>> a.compare_exchange(5, 12, Ordering.SeqCst, Ordering.Relaxed)
        Err(10)

        ```
        """
        _check_ordering(success)
        _check_failure(failure)
        current = self._fit(current)
        new = self._fit(new)
        with self._lock:
            previous = self._value
            if previous == current:
                self._value = new
                return Ok(previous)
        return Err(previous)

    def compare_exchange_weak(
        self, current: V, new: V, success: Ordering, failure: Ordering
    ) -> Result[V, V]:
        """Same as `compare_exchange` (this one never fails spuriously).
        Mirrors `Atomic*::compare_exchange_weak`."""
        return self.compare_exchange(current, new, success, failure)

    def fetch_update(
        self,
        set_order: Ordering,
        fetch_order: Ordering,
        f: Callable[[V], V | None],
    ) -> Result[V, V]:
        """Apply `f` to the value until the update sticks: if `f` returns a
        new value, store it and return `Ok(previous)`; if it returns `None`,
        return `Err(previous)` and change nothing. `fetch_order` is checked
        like a failure ordering. Mirrors `Atomic*::fetch_update`.

        ```pycon
        >>> from primitives.sync.atomic import AtomicU32, Ordering
        >>> a = AtomicU32(7)
        >>> a.fetch_update(Ordering.SeqCst, Ordering.SeqCst, lambda x: x + 1)
        Ok(7)
        >>> a.fetch_update(Ordering.SeqCst, Ordering.SeqCst, lambda x: None)
        Err(8)

        ```
        """
        _check_ordering(set_order)
        _check_failure(fetch_order)
        while True:
            previous = self.load(Ordering.SeqCst)
            proposed = f(previous)
            if proposed is None:
                return Err(previous)
            if self.compare_exchange(
                previous, proposed, Ordering.SeqCst, Ordering.SeqCst
            ).is_ok():
                return Ok(previous)

    def try_update(
        self,
        set_order: Ordering,
        fetch_order: Ordering,
        f: Callable[[V], V | None],
    ) -> Result[V, V]:
        """Same as `fetch_update`, under the name Rust gives it since 1.90.
        Mirrors `Atomic*::try_update`."""
        return self.fetch_update(set_order, fetch_order, f)

    def update(
        self, set_order: Ordering, fetch_order: Ordering, f: Callable[[V], V]
    ) -> V:
        """Replace the value with `f(value)`, retrying until no other thread
        changed it meanwhile; return the previous value. Mirrors
        `Atomic*::update`.

        ```pycon
        >>> from primitives.sync.atomic import AtomicU8, Ordering
        >>> a = AtomicU8(7)
        >>> a.update(Ordering.SeqCst, Ordering.SeqCst, lambda x: x * 2)
        7
        >>> a.load(Ordering.SeqCst)
        14

        ```
        """
        result = self.fetch_update(set_order, fetch_order, f)
        return result.unwrap()

    def into_inner(self) -> V:
        """The value. Rust's version consumes the atomic; this one leaves it
        usable. Mirrors `Atomic*::into_inner`."""
        with self._lock:
            return self._value

    def get_mut(self) -> V:
        """The value (Python has no `&mut`). Mirrors `Atomic*::get_mut`."""
        return self.into_inner()

    def _rmw(self, order: Ordering, op: Callable[[V], V]) -> V:
        _check_ordering(order)
        with self._lock:
            previous = self._value
            self._value = self._fit(op(previous))
        return previous

    def fetch_and(self, value: V, order: Ordering) -> V:
        """Bitwise "and" with `value`; return the previous value.
        Mirrors `Atomic*::fetch_and`."""
        value = self._fit(value)
        return self._rmw(order, lambda x: x & value)

    def fetch_or(self, value: V, order: Ordering) -> V:
        """Bitwise "or" with `value`; return the previous value.
        Mirrors `Atomic*::fetch_or`."""
        value = self._fit(value)
        return self._rmw(order, lambda x: x | value)

    def fetch_xor(self, value: V, order: Ordering) -> V:
        """Bitwise "xor" with `value`; return the previous value.
        Mirrors `Atomic*::fetch_xor`."""
        value = self._fit(value)
        return self._rmw(order, lambda x: x ^ value)

    def __repr__(self) -> str:
        with self._lock:
            return repr(self._value)

    def _blame(self, sync: bool, visit: Visit) -> None:
        return None


class _AtomicInt(_Atomic[int]):
    """An integer atomic of a fixed width, signed or not."""

    __slots__ = ()

    _bits: ClassVar[int]
    _signed: ClassVar[bool]
    MIN: ClassVar[int]
    MAX: ClassVar[int]

    def __init_subclass__(cls, bits: int = 64, signed: bool = False) -> None:
        super().__init_subclass__()
        cls._bits = bits
        cls._signed = signed
        cls.MIN = -(1 << (bits - 1)) if signed else 0
        cls.MAX = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1

    def _fit(self, value: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(
                f"{type(self).__name__} holds an int, not {type(value).__name__}"
            )
        if not self.MIN <= value <= self.MAX:
            raise ValueError(
                f"{value} is out of range for {type(self).__name__} "
                f"({self.MIN}..={self.MAX})"
            )
        return value

    def _wrap(self, value: int) -> int:
        value &= (1 << self._bits) - 1
        if self._signed and value > self.MAX:
            value -= 1 << self._bits
        return value

    def fetch_add(self, value: int, order: Ordering) -> int:
        """Add `value`, wrapping around on overflow; return the previous
        value. Mirrors `Atomic*::fetch_add`."""
        return self._add(self._fit(value), order)

    def fetch_sub(self, value: int, order: Ordering) -> int:
        """Subtract `value`, wrapping around on overflow; return the previous
        value. Mirrors `Atomic*::fetch_sub`."""
        return self._add(-self._fit(value), order)

    def _add(self, delta: int, order: Ordering) -> int:
        # The counters' hot path: no closure, unlike _rmw.
        _check_ordering(order)
        with self._lock:
            previous = self._value
            self._value = self._wrap(previous + delta)
        return previous

    def fetch_max(self, value: int, order: Ordering) -> int:
        """Store the larger of the value and `value`; return the previous
        value. Mirrors `Atomic*::fetch_max`."""
        value = self._fit(value)
        return self._rmw(order, lambda x: max(x, value))

    def fetch_min(self, value: int, order: Ordering) -> int:
        """Store the smaller of the value and `value`; return the previous
        value. Mirrors `Atomic*::fetch_min`."""
        value = self._fit(value)
        return self._rmw(order, lambda x: min(x, value))

    def fetch_nand(self, value: int, order: Ordering) -> int:
        """Bitwise "nand" with `value`; return the previous value.
        Mirrors `Atomic*::fetch_nand`."""
        value = self._fit(value)
        return self._rmw(order, lambda x: self._wrap(~(x & value)))

    def __int__(self) -> int:
        return self.load(Ordering.SeqCst)


class AtomicI8(_AtomicInt, bits=8, signed=True):
    """An 8-bit signed integer shared between threads. Mirrors
    `std::sync::atomic::AtomicI8`.

    ```pycon
    >>> a = AtomicI8(127)
    >>> a.fetch_add(1, Ordering.Relaxed), a.load(Ordering.Relaxed)
    (127, -128)

    ```
    """

    __slots__ = ()


class AtomicU8(_AtomicInt, bits=8, signed=False):
    """An 8-bit unsigned integer shared between threads. Mirrors
    `std::sync::atomic::AtomicU8`."""

    __slots__ = ()


class AtomicI16(_AtomicInt, bits=16, signed=True):
    """A 16-bit signed integer shared between threads. Mirrors
    `std::sync::atomic::AtomicI16`."""

    __slots__ = ()


class AtomicU16(_AtomicInt, bits=16, signed=False):
    """A 16-bit unsigned integer shared between threads. Mirrors
    `std::sync::atomic::AtomicU16`."""

    __slots__ = ()


class AtomicI32(_AtomicInt, bits=32, signed=True):
    """A 32-bit signed integer shared between threads. Mirrors
    `std::sync::atomic::AtomicI32`.

    ```pycon
    >>> a = AtomicI32(AtomicI32.MAX)
    >>> a.fetch_add(1, Ordering.Relaxed), a.load(Ordering.Relaxed)
    (2147483647, -2147483648)

    ```
    """

    __slots__ = ()


class AtomicU32(_AtomicInt, bits=32, signed=False):
    """A 32-bit unsigned integer shared between threads. Mirrors
    `std::sync::atomic::AtomicU32`."""

    __slots__ = ()


class AtomicI64(_AtomicInt, bits=64, signed=True):
    """A 64-bit signed integer shared between threads. Mirrors
    `std::sync::atomic::AtomicI64`."""

    __slots__ = ()


class AtomicU64(_AtomicInt, bits=64, signed=False):
    """A 64-bit unsigned integer shared between threads. Mirrors
    `std::sync::atomic::AtomicU64`."""

    __slots__ = ()


class AtomicUsize(_AtomicInt, bits=64, signed=False):
    """A pointer-sized (64-bit) unsigned integer shared between threads.
    Mirrors `std::sync::atomic::AtomicUsize`.

    ```pycon
    >>> from primitives import thread
    >>> counter = AtomicUsize(0)
    >>> handles = [
    ...     thread.spawn(lambda: counter.fetch_add(1, Ordering.Relaxed))
    ...     for _ in range(8)
    ... ]
    >>> for h in handles:
    ...     _ = h.join()
    >>> counter.load(Ordering.SeqCst)
    8

    ```
    """

    __slots__ = ()


class AtomicIsize(_AtomicInt, bits=64, signed=True):
    """A pointer-sized (64-bit) signed integer shared between threads.
    Mirrors `std::sync::atomic::AtomicIsize`."""

    __slots__ = ()


class AtomicBool(_Atomic[bool]):
    """A boolean shared between threads. Mirrors
    `std::sync::atomic::AtomicBool`.

    ```pycon
    >>> flag = AtomicBool(False)
    >>> flag.swap(True, Ordering.AcqRel)
    False
    >>> flag.fetch_not(Ordering.SeqCst), flag.load(Ordering.Acquire)
    (True, False)

    ```
    """

    __slots__ = ()

    def _fit(self, value: bool) -> bool:
        if not isinstance(value, bool):
            raise TypeError(f"AtomicBool holds a bool, not {type(value).__name__}")
        return value

    def fetch_nand(self, value: bool, order: Ordering) -> bool:
        """Logical "nand" with `value`; return the previous value. Mirrors
        `AtomicBool::fetch_nand`."""
        value = self._fit(value)
        return self._rmw(order, lambda x: not (x and value))

    def fetch_not(self, order: Ordering) -> bool:
        """Logical "not"; return the previous value. Mirrors
        `AtomicBool::fetch_not`."""
        return self._rmw(order, lambda x: not x)

    def __bool__(self) -> bool:
        return self.load(Ordering.SeqCst)
