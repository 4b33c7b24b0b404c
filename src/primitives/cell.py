"""Interior mutability for one thread: `Cell` and `RefCell`. Mirrors
`std::cell`.

Neither type is `Sync`: `thread.spawn` refuses an `Arc` around one, and
`Scope.spawn` refuses a function that captures one. Each keeps its state
behind a small lock anyway, so even misuse cannot corrupt it.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar, Generic, TypeVar, final

from primitives._core import Blame, ThreadToken, Visit, blame, rust_type, thread_token
from primitives._guard import Guard, ReleasedWhenFreed, _set_slot
from primitives._result import Err, Ok, Panic, Result

T = TypeVar("T")

__all__ = ["BorrowError", "BorrowMutError", "Cell", "Ref", "RefCell", "RefMut"]


def _default_of(value: object) -> Any:
    try:
        return type(value)()
    except TypeError:
        raise TypeError(
            f"take() needs a default value, and {type(value).__name__}() "
            "cannot be called without arguments (Rust requires `T: Default`)"
        ) from None


@final
class Cell(Generic[T]):
    """A mutable value that is replaced as a whole, never borrowed. Mirrors
    `std::cell::Cell`.

    ```pycon
    >>> c = Cell(5)
    >>> c.set(c.get() + 1)
    >>> c
    Cell { value: 6 }
    >>> c.replace(10), c.take(), c.get()
    (6, 10, 0)

    ```
    """

    __slots__ = ("_lock", "_value")

    def __init__(self, value: T) -> None:
        self._lock = threading.Lock()
        self._value = value

    def get(self) -> T:
        """The current value. Mirrors `Cell::get`."""
        with self._lock:
            return self._value

    def set(self, value: T) -> None:
        """Replace the value. Mirrors `Cell::set`."""
        with self._lock:
            self._value = value

    def replace(self, value: T) -> T:
        """Replace the value and return the old one. Mirrors `Cell::replace`."""
        with self._lock:
            old, self._value = self._value, value
        return old

    def take(self) -> T:
        """Return the value, leaving its type's default (`int()`, `list()`,
        ...) in its place. Mirrors `Cell::take`."""
        with self._lock:
            old = self._value
        default = _default_of(old)  # may allocate: built outside the lock
        with self._lock:
            old, self._value = self._value, default
        return old

    def swap(self, other: Cell[T]) -> None:
        """Exchange the values of two cells. Mirrors `Cell::swap`."""
        if not isinstance(other, Cell):
            raise TypeError(f"Cell.swap takes a Cell, not {type(other).__name__}")
        if other is self:
            return
        first, second = sorted((self, other), key=id)
        with first._lock, second._lock:
            self._value, other._value = other._value, self._value

    def into_inner(self) -> T:
        """The value. Mirrors `Cell::into_inner`."""
        return self.get()

    def _rust_type(self) -> str:
        return f"Cell<{rust_type(self._value)}>"

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        if sync:
            return (self._rust_type(), "shared")
        return blame(self._value, False, visit)

    def _blame_borrow(self) -> Blame:
        return (self._rust_type(), "shared")

    def __repr__(self) -> str:
        return f"Cell {{ value: {self.get()!r} }}"


class _BorrowFailure:
    """A failed `try_borrow*`: a value with no fields, equal to every other of
    its type, shown by its type's name, with Rust's message as `str`."""

    __slots__ = ()
    _message: ClassVar[str]

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return type(self).__name__

    def __str__(self) -> str:
        return self._message


@final
class BorrowError(_BorrowFailure):
    """`try_borrow` failed: the value is mutably borrowed. Mirrors
    `std::cell::BorrowError`."""

    __slots__ = ()
    _message = "already mutably borrowed"


@final
class BorrowMutError(_BorrowFailure):
    """`try_borrow_mut` failed: the value is borrowed. Mirrors
    `std::cell::BorrowMutError`."""

    __slots__ = ()
    _message = "already borrowed"


@final
class Ref(Guard[T], ReleasedWhenFreed):
    """A shared borrow of a `RefCell`'s value; many may exist at once.
    Assigning through it is a `TypeError`. Mirrors `std::cell::Ref`."""

    __slots__ = ("_cell", "_owner")

    _cell: RefCell[T]
    _change_hint = ": borrow with borrow_mut() to change the value"

    def __init__(self, cell: RefCell[T]) -> None:
        _set_slot(self, "_cell", cell)
        _set_slot(self, "_owner", thread_token())

    def _get(self) -> T:
        return self._cell._value

    def _unlock(self, poison: bool, owner: ThreadToken) -> None:
        self._cell._end_borrow()

    def _finalizer_lock(self) -> Any:
        return self._cell._lock


@final
class RefMut(Guard[T], ReleasedWhenFreed):
    """The one exclusive borrow of a `RefCell`'s value. Mirrors
    `std::cell::RefMut`."""

    __slots__ = ("_cell", "_owner")

    _cell: RefCell[T]
    _writable = True

    def __init__(self, cell: RefCell[T]) -> None:
        _set_slot(self, "_cell", cell)
        _set_slot(self, "_owner", thread_token())

    def _get(self) -> T:
        return self._cell._value

    def _set(self, value: T) -> None:
        self._cell._value = value

    def _unlock(self, poison: bool, owner: ThreadToken) -> None:
        self._cell._end_borrow()

    def _finalizer_lock(self) -> Any:
        return self._cell._lock


@final
class RefCell(Generic[T]):
    """A value with borrow rules checked at run time. Mirrors
    `std::cell::RefCell`.

    Any number of `borrow()`s, or one `borrow_mut()`, at a time. A conflicting
    borrow raises `Panic` with Rust's message; `try_borrow()` and
    `try_borrow_mut()` return an `Err` instead. A borrow ends when its guard
    is released (end of `with`, `drop(guard)`, or the guard being freed).

    ```pycon
    >>> from primitives import drop
    >>> cell = RefCell([1, 2])
    >>> with cell.borrow_mut() as items:
    ...     items.append(3)
    >>> first = cell.borrow()
    >>> cell.borrow_mut()
    Traceback (most recent call last):
      ...
    primitives.Panic: already borrowed: BorrowMutError
    >>> cell.try_borrow_mut()
    Err(BorrowMutError)
    >>> drop(first)
    >>> cell
    RefCell { value: [1, 2, 3] }

    ```
    """

    __slots__ = ("_borrows", "_lock", "_value")

    def __init__(self, value: T) -> None:
        # Reentrant only so that a finalizer can tell this thread holds it.
        self._lock = threading.RLock()
        self._value = value
        self._borrows = 0  # > 0: shared borrows; -1: one mutable borrow

    def try_borrow(self) -> Result[Ref[T], BorrowError]:
        """`Ok(Ref)` unless the value is mutably borrowed, then
        `Err(BorrowError())`. Mirrors `RefCell::try_borrow`."""
        with self._lock:
            free = self._borrows >= 0
            if free:
                self._borrows += 1
        if not free:
            return Err(BorrowError())
        return Ok(Ref(self))

    def try_borrow_mut(self) -> Result[RefMut[T], BorrowMutError]:
        """`Ok(RefMut)` unless the value is borrowed at all, then
        `Err(BorrowMutError())`. Mirrors `RefCell::try_borrow_mut`."""
        with self._lock:
            free = self._borrows == 0
            if free:
                self._borrows = -1
        if not free:
            return Err(BorrowMutError())
        return Ok(RefMut(self))

    def borrow(self) -> Ref[T]:
        """A shared borrow; raises `Panic("already mutably borrowed:
        BorrowError")` if the value is mutably borrowed. Mirrors
        `RefCell::borrow`."""
        result = self.try_borrow()
        if isinstance(result, Err):
            raise Panic(f"already mutably borrowed: {result.err()!r}")
        return result.unwrap()

    def borrow_mut(self) -> RefMut[T]:
        """An exclusive borrow; raises `Panic("already borrowed:
        BorrowMutError")` if the value is borrowed. Mirrors
        `RefCell::borrow_mut`."""
        result = self.try_borrow_mut()
        if isinstance(result, Err):
            raise Panic(f"already borrowed: {result.err()!r}")
        return result.unwrap()

    def replace(self, value: T) -> T:
        """Replace the value and return the old one; panics like
        `borrow_mut` if it is borrowed. Mirrors `RefCell::replace`."""
        with self.borrow_mut() as guard:
            old: T = guard.value
            guard.value = value
        return old

    def take(self) -> T:
        """Return the value, leaving its type's default in its place; panics
        like `borrow_mut` if it is borrowed. Mirrors `RefCell::take`."""
        with self.borrow_mut() as guard:
            old: T = guard.value
            guard.value = _default_of(old)
        return old

    def into_inner(self) -> T:
        """The value. Rust's version consumes the cell; this one leaves it
        usable. Mirrors `RefCell::into_inner`."""
        return self._value

    def _end_borrow(self) -> None:
        with self._lock:
            if self._borrows < 0:
                self._borrows = 0
            else:
                self._borrows -= 1

    def _rust_type(self) -> str:
        return f"RefCell<{rust_type(self._value)}>"

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        if sync:
            return (self._rust_type(), "shared")
        return blame(self._value, False, visit)

    def _blame_borrow(self) -> Blame:
        return (self._rust_type(), "shared")

    def __repr__(self) -> str:
        with self._lock:
            borrowed = self._borrows < 0
        value = "<borrowed>" if borrowed else repr(self._value)
        return f"RefCell {{ value: {value} }}"
