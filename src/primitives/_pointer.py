"""The reference-counted pointer behind `Arc` and `Rc`.

Lock discipline (here and in every module whose objects release something in
`__del__`): nothing that the cyclic garbage collector tracks is allocated
while such a lock is held, so a collection (which may run finalizers that
take the same lock) cannot start inside a critical section and deadlock.
Errors and results are built after the lock is released.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from primitives._core import Blame, OwnedHandle, UseAfterDropError, rust_type
from primitives._result import Err, Ok, Result

T = TypeVar("T")
P = TypeVar("P", bound="SharedPointer[Any]")

_OWN_SLOTS = frozenset({"_alloc", "_dropped"})


class _Allocation(Generic[T]):
    """The shared block: the value and its strong count, behind a lock."""

    __slots__ = ("lock", "strong", "value")

    def __init__(self, value: T) -> None:
        self.lock = threading.Lock()
        self.strong = 1
        self.value: T | None = value


class SharedPointer(OwnedHandle, Generic[T]):
    """Shared ownership of one value; the base of `Arc` and `Rc`.

    Each object is one handle (one strong reference). `clone()` makes another
    handle to the same value; dropping a handle (with `drop()`, or when Python
    frees it) lowers the strong count, and the value is released when the
    count reaches zero.
    """

    __slots__ = ("_alloc", "_dropped")

    _alloc: _Allocation[T]
    _dropped: bool

    def __init__(self, value: T) -> None:
        object.__setattr__(self, "_alloc", _Allocation(value))
        object.__setattr__(self, "_dropped", False)

    # -- the pointer itself ------------------------------------------------

    def _kind(self) -> str:
        return type(self).__name__

    def _live(self) -> _Allocation[T]:
        if self._dropped:
            raise UseAfterDropError(f"this {self._kind()} was already dropped")
        return self._alloc

    def _handle(self: P, alloc: _Allocation[Any]) -> P:
        new = object.__new__(type(self))
        object.__setattr__(new, "_alloc", alloc)
        object.__setattr__(new, "_dropped", False)
        return new

    def clone(self: P) -> P:
        """Another handle to the same value; the strong count rises by one.
        Never blocks for long. Mirrors `Arc::clone` / `Rc::clone`."""
        alloc = self._live()
        with alloc.lock:
            alive = not self._dropped
            if alive:
                alloc.strong += 1
        if not alive:  # pragma: no cover - dropped by another thread meanwhile
            raise UseAfterDropError(f"this {self._kind()} was already dropped")
        return self._handle(alloc)

    def strong_count(self) -> int:
        """How many handles to the value exist. Mirrors `Arc::strong_count` /
        `Rc::strong_count`."""
        alloc = self._live()
        with alloc.lock:
            return alloc.strong

    def ptr_eq(self, other: SharedPointer[Any]) -> bool:
        """Whether both handles point to the same value (not merely equal
        values). Mirrors `Arc::ptr_eq` / `Rc::ptr_eq`."""
        return self._live() is other._live()

    def try_unwrap(self: P) -> Result[T, P]:
        """If this is the only handle, consume it and return `Ok(value)`;
        otherwise return `Err(self)`, handing the handle back. Mirrors
        `Arc::try_unwrap` / `Rc::try_unwrap`."""
        alloc = self._live()
        value = None
        with alloc.lock:
            unique = alloc.strong == 1
            if unique:
                alloc.strong = 0
                object.__setattr__(self, "_dropped", True)
                value, alloc.value = alloc.value, None
        if not unique:
            return Err(self)
        return Ok(value)  # type: ignore[arg-type]

    def into_inner(self) -> T | None:
        """Consume this handle; return the value if it was the last one,
        else `None`. Mirrors `Arc::into_inner` / `Rc::into_inner`."""
        alloc = self._live()
        with alloc.lock:
            object.__setattr__(self, "_dropped", True)
            alloc.strong -= 1
            if alloc.strong:
                return None
            value, alloc.value = alloc.value, None
        return value

    def _drop(self) -> None:
        alloc = self._alloc
        released = None
        with alloc.lock:
            already = self._dropped
            if not already:
                object.__setattr__(self, "_dropped", True)
                alloc.strong -= 1
                if alloc.strong == 0:
                    released, alloc.value = alloc.value, None
        if already:
            raise UseAfterDropError(f"this {self._kind()} was already dropped")
        del released  # the last handle lets the value go, outside the lock

    # -- reaching the value (Deref) ------------------------------------------

    @property
    def value(self) -> T:
        """The shared value (Rust's `*ptr`, via `Deref`). Read-only; raises
        `UseAfterDropError` once this handle was dropped."""
        return self._live().value  # type: ignore[return-value]

    def _rust_type(self) -> str:
        alloc = self._alloc
        return f"{self._kind()}<{rust_type(alloc.value)}>"

    def __getattr__(self, name: str) -> Any:
        if name in _OWN_SLOTS:
            raise AttributeError(name)
        return getattr(self._live().value, name)

    def __setattr__(self, name: str, value: object) -> None:
        kind = self._kind()
        raise TypeError(
            f"cannot assign to data in an `{kind}`: an {kind} gives shared, "
            "read-only access; put a Mutex or RwLock inside it to change the value"
        )

    def __delattr__(self, name: str) -> None:
        self.__setattr__(name, None)

    def __getitem__(self, key: Any) -> Any:
        return self._live().value[key]  # type: ignore[index]

    def __setitem__(self, key: Any, value: object) -> None:
        self.__setattr__("value", value)

    def __delitem__(self, key: Any) -> None:
        self.__setattr__("value", None)

    def __iter__(self) -> Iterator[Any]:
        value: Any = self._live().value
        return iter(value)

    def __len__(self) -> int:
        return len(self._live().value)  # type: ignore[arg-type]

    def __contains__(self, item: object) -> bool:
        return item in self._live().value  # type: ignore[operator]

    def __bool__(self) -> bool:
        return bool(self._live().value)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash(self.value)

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    def __repr__(self) -> str:
        if self._dropped:
            return f"<dropped {self._kind()}>"
        return repr(self._alloc.value)

    def _blame(self, sync: bool, depth: int) -> Blame | None:
        raise NotImplementedError  # pragma: no cover - subclasses decide
