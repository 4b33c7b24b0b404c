"""The base class of the RAII guards: `MutexGuard`, `RwLockReadGuard`,
`RwLockWriteGuard`, `Ref` and `RefMut`.

A guard is held from the moment the lock or borrow is granted until it is
released: at the end of a `with` block, by `drop(guard)`, or when Python frees
it (Rust releases it at the end of its scope). It reaches through to the
protected value (Rust's `Deref`): attribute and item access, iteration,
`len`, `in`, `str` and `repr`. Write guards also take assignments:
`guard.value = x`, `guard.field = x`, `guard[k] = x` and `guard += x`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, ClassVar, Generic, TypeVar

from primitives._core import (
    Blame,
    Droppable,
    ThreadToken,
    UseAfterDropError,
    Visit,
    is_panicking,
    run_finalizer,
    thread_token,
)
from primitives._core import rust_type as _rust_type_of

T = TypeVar("T")

_set_slot = object.__setattr__


class Guard(Droppable, Generic[T]):
    """Common behaviour of every guard; see the module docstring."""

    __slots__ = ()

    _owner: ThreadToken | None
    """The token of the holding thread, or `None` once released (a slot of
    each guard type, or what it computes)."""

    _writable: ClassVar[bool] = False
    _change_hint: ClassVar[str] = ""

    # -- what each guard type provides ------------------------------------------

    def _get(self) -> T:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _set(self, value: T) -> None:  # pragma: no cover - write guards override
        raise NotImplementedError

    def _unlock(self, poison: bool, owner: ThreadToken) -> None:  # pragma: no cover
        raise NotImplementedError

    def _finalizer_lock(self) -> Any:
        """The lock `_unlock` takes, or `None` if it takes none."""
        return None

    def _blame_sync(self, visit: Visit) -> Blame | None:
        return (self._rust_type(), "shared")

    # -- holding and releasing ------------------------------------------------------

    def _kind(self) -> str:
        return type(self).__name__

    def _released_error(self) -> UseAfterDropError:
        return UseAfterDropError(f"this {self._kind()} was already dropped")

    def _check(self) -> None:
        if self._owner is None:
            raise self._released_error()

    def _release(self, poison: bool, from_owner: bool = True) -> None:
        owner = self._owner
        if owner is None:
            raise self._released_error()
        if from_owner and owner is not thread_token():
            raise RuntimeError(
                f"a {self._kind()} must be released by the thread that acquired it "
                f"(`{self._kind()}` is not `Send`)"
            )
        self._mark_released()
        self._unlock(poison, owner)

    def _mark_released(self) -> None:
        """Make `_owner` read `None` from now on."""
        _set_slot(self, "_owner", None)

    def _drop(self) -> None:
        self._release(is_panicking())

    def _is_dropped(self) -> bool:
        return self._owner is None

    def __enter__(self) -> Guard[T]:
        if self._owner is None:
            raise self._released_error()
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self._owner is not None:
            self._release(exc_type is not None and exc_type is not GeneratorExit)

    def _unwind(self) -> None:
        """A panic consumed this guard (`unwrap` on a result holding it):
        release it, poisoning the lock as Rust's unwinding does."""
        if self._owner is not None:
            self._release(True, from_owner=False)

    # -- the protected value -------------------------------------------------------

    @property
    def value(self) -> T:
        """The protected value (Rust's `*guard`). Assignable on write guards."""
        if self._owner is None:
            raise self._released_error()
        return self._get()

    @value.setter
    def value(self, value: T) -> None:
        self._check()
        if not self._writable:
            self._refuse_write()
        self._set(value)

    def _refuse_write(self) -> None:
        raise TypeError(
            f"cannot assign to data in dereference of `{self._rust_type()}`"
            f"{self._change_hint}"
        )

    def _rust_type(self) -> str:
        if self._owner is None:
            return self._kind()
        return f"{self._kind()}<{_rust_type_of(self._get())}>"

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        if sync:
            return self._blame_sync(visit)
        return (self._rust_type(), "sent")

    # -- Deref / DerefMut ------------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.value, name)

    def __setattr__(self, name: str, value: object) -> None:
        if name == "value":
            _set_slot(self, name, value)
            return
        setattr(self._writable_value(), name, value)

    def __getitem__(self, key: Any) -> Any:
        return self.value[key]  # type: ignore[index]

    def __setitem__(self, key: Any, item: Any) -> None:
        self._writable_value()[key] = item

    def __delitem__(self, key: Any) -> None:
        del self._writable_value()[key]

    def __iter__(self) -> Iterator[Any]:
        value: Any = self.value
        return iter(value)

    def __len__(self) -> int:
        return len(self.value)  # type: ignore[arg-type]

    def __contains__(self, item: object) -> bool:
        return item in self.value  # type: ignore[operator]

    def __bool__(self) -> bool:
        return bool(self.value)

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    def __repr__(self) -> str:
        if self._owner is None:
            return f"<dropped {self._kind()}>"
        return repr(self._get())

    def _writable_value(self) -> Any:
        value = self.value
        if not self._writable:
            self._refuse_write()
        return value

    def __iadd__(self, other: Any) -> Guard[T]:
        """`guard += x` updates the protected value (Rust's `*guard += x`)."""
        self._set(self._writable_value() + other)
        return self

    def __isub__(self, other: Any) -> Guard[T]:
        """`guard -= x` updates the protected value (Rust's `*guard -= x`)."""
        self._set(self._writable_value() - other)
        return self

    def __imul__(self, other: Any) -> Guard[T]:
        """`guard *= x` updates the protected value (Rust's `*guard *= x`)."""
        self._set(self._writable_value() * other)
        return self


class ReleasedWhenFreed:
    """Mixed into a guard type: a guard that Python frees while it is still
    held releases its lock (Rust releases it at the end of its scope)."""

    __slots__ = ()

    _owner: ThreadToken | None

    def _release(
        self, poison: bool, from_owner: bool = True
    ) -> None:  # pragma: no cover
        raise NotImplementedError

    def _finalizer_lock(self) -> Any:  # pragma: no cover - Guard provides it
        raise NotImplementedError

    def __del__(self) -> None:
        try:
            held = self._owner is not None
        except AttributeError:  # construction did not finish
            return
        if held:
            self._release_on_del()

    def _release_on_del(self) -> None:
        with contextlib.suppress(Exception):  # e.g. at interpreter shutdown
            lock = self._finalizer_lock()
            poison = is_panicking()
            if lock is None:
                self._release(poison, from_owner=False)
            else:
                run_finalizer(lock, lambda: self._release(poison, from_owner=False))
