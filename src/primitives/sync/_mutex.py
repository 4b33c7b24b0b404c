"""`Mutex` and `MutexGuard`."""

from __future__ import annotations

import threading
from threading import get_ident
from typing import Generic, TypeAlias, TypeVar, final

from primitives._core import Blame, blame, rust_type
from primitives._guard import Guard
from primitives._result import Err, Ok, Panic, Result
from primitives.sync._poison import PoisonError, TryLockError, _Poisoned

T = TypeVar("T")

__all__ = ["LockResult", "Mutex", "MutexGuard", "TryLockResult"]

LockResult: TypeAlias = Result[T, PoisonError[T]]
"""`Ok(guard)` or `Err(PoisonError(guard))`. Mirrors `std::sync::LockResult`."""

TryLockResult: TypeAlias = Result[T, TryLockError]
"""`Ok(guard)` or `Err(TryLockError...)`. Mirrors `std::sync::TryLockResult`."""


@final
class MutexGuard(Guard[T]):
    """Proof that the current thread holds a `Mutex`'s lock; reaches through
    to the protected value. Mirrors `std::sync::MutexGuard`.

    Released at the end of a `with` block, by `drop(guard)`, or when Python
    frees it. `guard.value` reads the value and `guard.value = x` replaces it;
    attributes and items reach the value (`guard.append(x)`, `guard[k] += 1`,
    `guard += 1`). An exception escaping the `with` block poisons the mutex.

    ```pycon
    >>> from primitives.sync import Mutex
    >>> m = Mutex([1, 2])
    >>> with m.lock().unwrap() as guard:
    ...     guard.append(3)
    ...     print(guard, len(guard), guard[0])
    [1, 2, 3] 3 1

    ```
    """

    __slots__ = ("_mutex",)

    _mutex: Mutex[T]
    _writable = True

    def __init__(self, mutex: Mutex[T], owner: int) -> None:
        _set_mutex(self, mutex)
        _set_owner(self, owner)

    def _get(self) -> T:
        return self._mutex._data

    def _set(self, value: T) -> None:
        self._mutex._data = value

    def _unlock(self, poison: bool, owner: int) -> None:
        mutex = self._mutex
        if poison:
            mutex._poisoned = True
        mutex._owner = None
        mutex._raw.release()

    def _blame_sync(self, depth: int) -> Blame | None:
        return blame(self._mutex._data, True, depth)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        # Fast path of Guard.__exit__: the with block's own thread releases.
        if self._owner == get_ident():
            _set_owner(self, None)
            mutex = self._mutex
            if exc_type is not None:
                mutex._poisoned = True
            mutex._owner = None
            mutex._unlock()
        elif self._owner is not None:
            self._release(exc_type is not None)


# Setting the slots through their descriptors skips Guard.__setattr__.
_new = object.__new__
_set_mutex = MutexGuard.__dict__["_mutex"].__set__
_set_owner = Guard.__dict__["_owner"].__set__


@final
class Mutex(Generic[T]):
    """A mutual-exclusion lock protecting one value. Mirrors
    `std::sync::Mutex`.

    `Mutex(value)` is `Mutex::new(value)`. `lock()` blocks until the lock is
    free and returns `Ok(MutexGuard)`, or `Err(PoisonError(guard))` if a
    thread panicked while holding it. Locking a mutex the current thread
    already holds raises `Panic` at once instead of hanging (Rust leaves this
    unspecified: it deadlocks or panics).

    The lock is a `threading.Lock`; blocked threads sleep in it, they do not
    spin.

    ```pycon
    >>> m = Mutex(5)
    >>> with m.lock().unwrap() as guard:
    ...     guard.value += 1
    >>> m
    Mutex { data: 6, poisoned: false, .. }
    >>> m.into_inner()
    Ok(6)

    ```
    """

    __slots__ = ("_acquire", "_data", "_owner", "_poisoned", "_raw", "_unlock")

    def __init__(self, value: T) -> None:
        self._raw = raw = threading.Lock()
        self._acquire = raw.acquire
        self._unlock = raw.release
        self._data = value
        self._owner: int | None = None
        self._poisoned = False

    def lock(self) -> LockResult[MutexGuard[T]]:
        """Block until the lock is acquired; return `Ok(guard)`, or
        `Err(PoisonError(guard))` if the mutex is poisoned (the lock is held
        either way). Raises `Panic` if this thread already holds the lock.
        Mirrors `Mutex::lock`.

        ```pycon
        >>> m = Mutex(0)
        >>> guard = m.lock().unwrap()
        >>> m.lock()
        Traceback (most recent call last):
          ...
        primitives.Panic: deadlock: this thread already holds the lock of this Mutex

        ```
        """
        me = get_ident()
        if not self._acquire(False):
            if self._owner == me:
                raise Panic(
                    "deadlock: this thread already holds the lock of this Mutex"
                )
            self._acquire()
        self._owner = me
        guard = _new(MutexGuard)
        _set_mutex(guard, self)
        _set_owner(guard, me)
        if self._poisoned:
            return Err(PoisonError(guard))
        return Ok(guard)

    def try_lock(self) -> TryLockResult[MutexGuard[T]]:
        """Acquire the lock only if it is free right now. Never blocks.
        Returns `Ok(guard)`, `Err(TryLockError.WouldBlock)`, or
        `Err(TryLockError.Poisoned(PoisonError(guard)))`. Mirrors
        `Mutex::try_lock`.

        ```pycon
        >>> m = Mutex(0)
        >>> m.try_lock().is_ok()
        True

        ```
        """
        if not self._raw.acquire(False):
            return Err(TryLockError.WouldBlock)
        me = get_ident()
        self._owner = me
        guard = MutexGuard(self, me)
        if self._poisoned:
            return Err(_Poisoned(PoisonError(guard)))
        return Ok(guard)

    def is_poisoned(self) -> bool:
        """Whether a thread panicked while holding the lock. Never blocks.
        Mirrors `Mutex::is_poisoned`."""
        return self._poisoned

    def clear_poison(self) -> None:
        """Mark the mutex as not poisoned any more. Mirrors
        `Mutex::clear_poison`."""
        self._poisoned = False

    def into_inner(self) -> Result[T, PoisonError[T]]:
        """The protected value: `Ok(value)`, or `Err(PoisonError(value))` if
        poisoned. Waits for the lock if another thread holds it. Rust's
        version consumes the mutex; this one leaves it usable. Mirrors
        `Mutex::into_inner`."""
        with self.lock().unwrap_or_else(PoisonError.into_inner) as guard:
            value: T = guard.value
        if self._poisoned:
            return Err(PoisonError(value))
        return Ok(value)

    def _rust_type(self) -> str:
        return f"Mutex<{rust_type(self._data)}>"

    def _blame(self, sync: bool, depth: int) -> Blame | None:
        return blame(self._data, False, depth)

    def __repr__(self) -> str:
        poisoned = "true" if self._poisoned else "false"
        if self._raw.acquire(False):
            try:
                data = repr(self._data)
            finally:
                self._raw.release()
        else:
            data = "<locked>"
        return f"Mutex {{ data: {data}, poisoned: {poisoned}, .. }}"
