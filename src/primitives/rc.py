"""`Rc`: single-threaded shared ownership. Mirrors `std::rc`."""

from __future__ import annotations

from typing import TypeVar, final

from primitives._core import Blame, Visit, rust_type
from primitives._pointer import SharedPointer, WeakPointer

T = TypeVar("T")

__all__ = ["Rc", "Weak"]


@final
class Rc(SharedPointer[T]):
    """A reference-counted pointer for one thread. Mirrors `std::rc::Rc`.

    `Rc(value)` is `Rc::new(value)`. `rc.clone()` or `Rc.clone(rc)` makes
    another handle and raises the strong count; `drop(rc)` (or the handle
    being freed) lowers it. `Rc.strong_count(rc)` reads it, `Rc.ptr_eq(a, b)`
    compares identity. Attributes and items read through to the value, and
    `rc.value` is the value itself (Rust's `*rc`); assigning through an `Rc`
    is a `TypeError`.

    An `Rc` is not `Send`: `thread.spawn` refuses a function that captures one.

    ```pycon
    >>> from primitives import drop
    >>> a = Rc([1, 2, 3])
    >>> b = Rc.clone(a)
    >>> Rc.strong_count(a)
    2
    >>> a
    [1, 2, 3]
    >>> len(b), b[0], Rc.ptr_eq(a, b)
    (3, 1, True)
    >>> drop(b)
    >>> Rc.strong_count(a)
    1

    ```
    """

    __slots__ = ()
    _copy_hint = ": make another handle with Rc.clone(rc)"

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        return (rust_type(self), "shared" if sync else "sent")


@final
class Weak(WeakPointer[T]):
    """A non-owning handle to an `Rc`'s value, made by `Rc.downgrade(rc)`:
    `upgrade()` returns a new `Rc` while a strong handle exists, else `None`.
    Not `Send`. Mirrors `std::rc::Weak`.

    ```pycon
    >>> from primitives import drop
    >>> parent = Rc("parent")
    >>> child_link = Rc.downgrade(parent)
    >>> strong = child_link.upgrade()
    >>> strong, Rc.strong_count(parent)
    ('parent', 2)
    >>> drop(strong); drop(parent)
    >>> child_link.upgrade() is None
    True

    ```
    """

    __slots__ = ()
    _strong_type = Rc
    _copy_hint = ": make another handle with w.clone()"

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        return (
            f"rc::Weak<{rust_type(self._alloc.value)}>",
            "shared" if sync else "sent",
        )


Rc._weak_type = Weak
