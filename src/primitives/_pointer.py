"""The reference-counted pointers behind `Arc` and `Rc`, and their `Weak`s.

Lock discipline (here and in every module whose objects release something
when Python frees them): a garbage-collection pass can start at almost any
point, inside a critical section too, and run a finalizer that needs the same
lock. Such locks are `RLock`s, so the finalizer can tell that its own thread
holds the lock, and `run_finalizer` then leaves the work to a helper thread
instead of deadlocking or breaking into the critical section. Errors and
results are still built after the lock is released.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Generic, TypeVar

from primitives._core import Blame, OwnedHandle, UseAfterDropError, Visit, rust_type
from primitives._result import Err, Ok, Result

T = TypeVar("T")
P = TypeVar("P", bound="SharedPointer[Any]")
W = TypeVar("W", bound="WeakPointer[Any]")

_OWN_SLOTS = frozenset({"_alloc", "_dropped"})


class associated:
    """A function Rust defines without a `self` receiver (`Arc::get_mut(&mut
    a)`): callable as `Arc.get_mut(a)`. Called on a handle (`a.get_mut()`),
    Rust would look the name up on the value inside instead; here that is a
    `TypeError` saying how to call it."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self._function = function
        self.__doc__ = function.__doc__
        self._name = function.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, handle: object, owner: type | None = None) -> Any:
        if handle is None:
            return self._function
        kind = type(handle).__name__
        raise TypeError(
            f"`{kind}::{self._name}` is an associated function: call "
            f"`{kind}.{self._name}(handle)`; `handle.{self._name}()` would "
            f"reach the value inside the {kind}, which only gives shared access"
        )


class _Allocation(Generic[T]):
    """The shared block: the value and its strong and weak counts, behind a
    lock."""

    __slots__ = ("lock", "strong", "value", "weak")

    def __init__(self, value: T) -> None:
        # Reentrant only so that a finalizer can tell this thread holds it.
        self.lock = threading.RLock()
        self.strong = 1
        self.weak = 0
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

    def _finalizer_lock(self) -> Any:
        return self._alloc.lock

    def _live(self) -> _Allocation[T]:
        return _live(self)

    def _handle(self: P, alloc: _Allocation[Any]) -> P:
        new = object.__new__(type(self))
        object.__setattr__(new, "_alloc", alloc)
        object.__setattr__(new, "_dropped", False)
        return new

    def clone(self: P) -> P:
        """Another handle to the same value; the strong count rises by one.
        Never blocks for long. Mirrors `Arc::clone` / `Rc::clone`."""
        alloc = _live(self)
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
        alloc = _live(self)
        with alloc.lock:
            return alloc.strong

    def ptr_eq(self, other: SharedPointer[Any]) -> bool:
        """Whether both handles point to the same value (not merely equal
        values). Mirrors `Arc::ptr_eq` / `Rc::ptr_eq`."""
        if type(other) is not type(self):
            raise TypeError(
                f"ptr_eq compares two handles of one kind, not "
                f"{type(self).__name__} and {type(other).__name__}"
            )
        return _live(self) is other._live()

    def try_unwrap(self: P) -> Result[T, P]:
        """If this is the only handle, consume it and return `Ok(value)`;
        otherwise return `Err(self)`, handing the handle back. Mirrors
        `Arc::try_unwrap` / `Rc::try_unwrap`."""
        alloc = _live(self)
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
        alloc = _live(self)
        with alloc.lock:
            object.__setattr__(self, "_dropped", True)
            alloc.strong -= 1
            if alloc.strong:
                return None
            value, alloc.value = alloc.value, None
        return value

    # -- Weak, get_mut, make_mut ---------------------------------------------------

    _weak_type: ClassVar[type[WeakPointer[Any]]]

    @associated
    def downgrade(self) -> WeakPointer[T]:
        """A `Weak` handle to the value: it does not keep the value alive;
        `upgrade()` gives back a strong handle while one exists. Mirrors
        `Arc::downgrade` / `Rc::downgrade`."""
        alloc = _live(self)
        with alloc.lock:
            alloc.weak += 1
        weak = object.__new__(self._weak_type)
        object.__setattr__(weak, "_alloc", alloc)
        object.__setattr__(weak, "_dropped", False)
        return weak

    @associated
    def weak_count(self) -> int:
        """How many `Weak` handles to the value exist. Mirrors
        `Arc::weak_count` / `Rc::weak_count`."""
        alloc = _live(self)
        with alloc.lock:
            return alloc.weak

    @associated
    def get_mut(self) -> T | None:
        """The value if this is the only handle, strong or weak (so nothing
        else can see a change), else `None`. Python cannot hand out `&mut`:
        the value itself is returned, to be changed in place. Mirrors
        `Arc::get_mut` / `Rc::get_mut`."""
        alloc = _live(self)
        with alloc.lock:
            unique = alloc.strong == 1 and alloc.weak == 0
        return alloc.value if unique else None

    @associated
    def make_mut(self) -> T:
        """The value, for changing in place: if other handles share it, this
        handle first moves to a shallow copy of its own (clone-on-write; weak
        handles are left behind). Mirrors `Arc::make_mut` / `Rc::make_mut`."""
        alloc = _live(self)
        with alloc.lock:
            value: Any = alloc.value
            unique = alloc.strong == 1
            detach = unique and alloc.weak > 0
            if detach:  # the weak handles cannot upgrade any more
                alloc.strong, alloc.value = 0, None
            elif not unique:
                alloc.strong -= 1
        if unique and not detach:
            return value  # type: ignore[no-any-return]
        own: _Allocation[T] = _Allocation(value if detach else copy.copy(value))
        object.__setattr__(self, "_alloc", own)
        return own.value  # type: ignore[return-value]

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
        return _live(self).value  # type: ignore[return-value]

    def _rust_type(self) -> str:
        alloc = self._alloc
        return f"{self._kind()}<{rust_type(alloc.value)}>"

    def __getattr__(self, name: str) -> Any:
        if name in _OWN_SLOTS:
            raise AttributeError(name)
        return getattr(_live(self).value, name)

    def __setattr__(self, name: str, value: object) -> None:
        kind = self._kind()
        raise TypeError(
            f"cannot assign to data in an `{kind}`: an {kind} gives shared, "
            "read-only access; put a Mutex or RwLock inside it to change the value"
        )

    def __delattr__(self, name: str) -> None:
        self.__setattr__(name, None)

    def __getitem__(self, key: Any) -> Any:
        return _live(self).value[key]  # type: ignore[index]

    def __setitem__(self, key: Any, value: object) -> None:
        self.__setattr__("value", value)

    def __delitem__(self, key: Any) -> None:
        self.__setattr__("value", None)

    def __iter__(self) -> Iterator[Any]:
        value: Any = _live(self).value
        return iter(value)

    def __len__(self) -> int:
        return len(_live(self).value)  # type: ignore[arg-type]

    def __contains__(self, item: object) -> bool:
        return item in _live(self).value  # type: ignore[operator]

    def __bool__(self) -> bool:
        return bool(_live(self).value)

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

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        raise NotImplementedError  # pragma: no cover - subclasses decide


class WeakPointer(OwnedHandle, Generic[T]):
    """A handle that does not keep the value alive; the base of `sync.Weak`
    and `rc.Weak`. `upgrade()` returns a strong handle, or `None` once every
    strong handle is gone."""

    __slots__ = ("_alloc", "_dropped")

    _alloc: _Allocation[T]
    _dropped: bool
    _strong_type: ClassVar[type[SharedPointer[Any]]]

    def _finalizer_lock(self) -> Any:
        return self._alloc.lock

    def _live(self) -> _Allocation[T]:
        if self._dropped:
            raise UseAfterDropError(f"this {type(self).__name__} was already dropped")
        return self._alloc

    def upgrade(self) -> SharedPointer[T] | None:
        """A new strong handle if the value is still alive, else `None`.
        Mirrors `Weak::upgrade`."""
        alloc = self._live()
        with alloc.lock:
            alive = alloc.strong > 0
            if alive:
                alloc.strong += 1
        if not alive:
            return None
        strong = object.__new__(self._strong_type)
        object.__setattr__(strong, "_alloc", alloc)
        object.__setattr__(strong, "_dropped", False)
        return strong

    def strong_count(self) -> int:
        """How many strong handles exist. Mirrors `Weak::strong_count`."""
        alloc = self._live()
        with alloc.lock:
            return alloc.strong

    def weak_count(self) -> int:
        """How many weak handles exist (0 once no strong one is left).
        Mirrors `Weak::weak_count`."""
        alloc = self._live()
        with alloc.lock:
            return alloc.weak if alloc.strong else 0

    def clone(self: W) -> W:
        """Another weak handle. Mirrors `Weak::clone`."""
        alloc = self._live()
        with alloc.lock:
            alloc.weak += 1
        weak = object.__new__(type(self))
        object.__setattr__(weak, "_alloc", alloc)
        object.__setattr__(weak, "_dropped", False)
        return weak

    def _drop(self) -> None:
        alloc = self._alloc
        with alloc.lock:
            already = self._dropped
            if not already:
                object.__setattr__(self, "_dropped", True)
                alloc.weak -= 1
        if already:
            raise UseAfterDropError(f"this {type(self).__name__} was already dropped")

    def __setattr__(self, name: str, value: object) -> None:
        raise TypeError(f"cannot assign through a {type(self).__name__}")

    def __repr__(self) -> str:
        return "(Weak)"


def _live(handle: SharedPointer[T]) -> _Allocation[T]:
    """The allocation behind a handle that is an `Arc`/`Rc` and not dropped."""
    if not isinstance(handle, SharedPointer):
        raise TypeError(f"expected an Arc or an Rc, not {type(handle).__name__}")
    if handle._dropped:
        raise UseAfterDropError(f"this {handle._kind()} was already dropped")
    return handle._alloc
