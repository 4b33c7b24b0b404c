"""`Arc`: thread-safe shared ownership."""

from __future__ import annotations

from typing import TypeVar, final

from primitives._core import Blame, Visit, blame
from primitives._pointer import SharedPointer, WeakPointer

T = TypeVar("T")

__all__ = ["Arc", "Weak"]


@final
class Arc(SharedPointer[T]):
    """An atomically reference-counted pointer. Mirrors `std::sync::Arc`.

    `Arc(value)` is `Arc::new(value)`. `a.clone()` or `Arc.clone(a)` makes
    another handle and raises the strong count; `drop(a)` (or the handle being
    freed, or the thread it was moved into finishing) lowers it.
    `Arc.strong_count(a)` reads the count and `Arc.ptr_eq(a, b)` compares
    identity. Attributes and items read through to the value and `a.value` is
    the value itself (Rust's `*a`); assigning through an `Arc` is a
    `TypeError` that points at `Mutex`/`RwLock`. The repr is the value's, as
    Rust's `Debug` for `Arc` prints the value. The count is kept under a lock,
    so clones and drops from many threads are exact.

    An `Arc` is `Send` only if its value is `Send` and `Sync`:
    `thread.spawn` refuses an `Arc` around a `Cell`, `RefCell`, `Rc` or
    `Receiver`.

    ```pycon
    >>> from primitives import drop
    >>> from primitives.sync import Arc, Mutex
    >>> counter = Arc(Mutex(0))
    >>> other = Arc.clone(counter)
    >>> Arc.strong_count(counter)
    2
    >>> counter
    Mutex { data: 0, poisoned: false, .. }
    >>> drop(other)
    >>> Arc.strong_count(counter)
    1
    >>> counter.value = 5
    Traceback (most recent call last):
      ...
    TypeError: cannot assign to data in an `Arc`: an Arc gives shared, read-only access; put a Mutex or RwLock inside it to change the value

    ```
    """  # noqa: E501

    __slots__ = ()
    _copy_hint = ": make another handle with Arc.clone(a)"

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        value = self._alloc.value
        return blame(value, True, visit) or blame(value, False, visit)


@final
class Weak(WeakPointer[T]):
    """A non-owning handle to an `Arc`'s value, made by `Arc.downgrade(a)`.
    Mirrors `std::sync::Weak`.

    It does not keep the value alive: `upgrade()` returns a new `Arc` while a
    strong handle exists, else `None`. Sendable under the same rules as
    `Arc`.

    ```pycon
    >>> from primitives import drop
    >>> from primitives.sync import Arc
    >>> a = Arc(5)
    >>> w = Arc.downgrade(a)
    >>> Arc.weak_count(a), Arc.strong_count(a)
    (1, 1)
    >>> b = w.upgrade()
    >>> Arc.strong_count(a), b
    (2, 5)
    >>> drop(a); drop(b)
    >>> w.upgrade() is None
    True

    ```
    """

    __slots__ = ()
    _strong_type = Arc
    _copy_hint = ": make another handle with w.clone()"

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        value = self._alloc.value
        return blame(value, True, visit) or blame(value, False, visit)


Arc._weak_type = Weak
