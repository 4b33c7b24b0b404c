"""`Mutex` and `MutexGuard`."""

from __future__ import annotations

import threading
from typing import Generic, TypeVar, final

from primitives._core import (
    Blame,
    NotCopyable,
    ThreadToken,
    Visit,
    blame,
    rust_type,
    thread_token,
    tokens,
)
from primitives._guard import Guard, ReleasedWhenFreed
from primitives._result import Err, Ok, Panic, Result
from primitives.sync._poison import (
    LockResult,
    PoisonError,
    TryLockError,
    TryLockResult,
    lock_result,
    try_lock_result,
)

T = TypeVar("T")

__all__ = ["LockResult", "Mutex", "MutexGuard", "TryLockResult"]


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

    # A guard's class says whether it is held: `lock()` makes a
    # `_HeldMutexGuard`, and releasing it turns it into a plain `MutexGuard`.
    # So a released guard has no finalizer to run when Python frees it, and
    # the held one needs no flag to check on its fast paths.

    __slots__ = ("_mutex",)

    _mutex: Mutex[T]
    _owner: ThreadToken | None = None
    _writable = True

    def _kind(self) -> str:
        return "MutexGuard"

    def _get(self) -> T:
        return self._mutex._data

    def _set(self, value: T) -> None:
        self._mutex._data = value

    def _unlock(self, poison: bool, owner: ThreadToken) -> None:
        self._mutex._release(poison)

    def _blame_sync(self, visit: Visit) -> Blame | None:
        return blame(self._mutex._data, True, visit)


@final
class _HeldMutexGuard(MutexGuard[T], ReleasedWhenFreed):
    """A `MutexGuard` while it holds its mutex (see `MutexGuard`)."""

    __slots__ = ()

    @property
    def _owner(self) -> ThreadToken | None:  # type: ignore[override]
        # Only the holding thread sets the mutex's owner, and a held guard
        # is the one guard of its mutex.
        return self._mutex._owner

    def _mark_released(self) -> None:
        _set_class(self, MutexGuard)

    @property
    def value(self) -> T:
        """The protected value (Rust's `*guard`); assignable."""
        return self._mutex._data

    @value.setter
    def value(self, value: T) -> None:
        self._mutex._data = value

    def __enter__(self) -> _HeldMutexGuard[T]:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        # Fast path of Guard.__exit__ (the steps of `_release(False)`): the
        # with block's own thread releases a guard it still holds (the block
        # may have dropped it), and nothing is poisoned.
        mutex = self._mutex
        try:
            mine = mutex._owner is _tokens.token
        except AttributeError:  # this thread never held a lock
            mine = False
        if mine and exc_type is None and type(self) is _HeldMutexGuard:
            _set_class(self, MutexGuard)
            mutex._owner = None
            mutex._unlock()
        else:
            Guard.__exit__(self, exc_type, exc, tb)


# Set through their descriptors, skipping Guard.__setattr__.
_new = object.__new__
_set_mutex = MutexGuard.__dict__["_mutex"].__set__
_set_class = object.__dict__["__class__"].__set__
_tokens = tokens


@final
class Mutex(NotCopyable, Generic[T]):
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

    __slots__ = (
        "_acquire",
        "_data",
        "_owner",
        "_poisoned",
        "_raw",
        "_unlock",
    )
    _copy_hint = ": share one with Arc(Mutex(value))"

    def __init__(self, value: T) -> None:
        self._raw = raw = threading.Lock()
        self._acquire = raw.acquire
        self._unlock = raw.release
        self._data = value
        self._owner: ThreadToken | None = None
        self._poisoned = False

    # -- the raw lock: every release and re-acquisition goes through these ---

    def _release(self, poison: bool) -> None:
        """Unlock, poisoning first if `poison`; the caller holds the lock."""
        if poison:
            self._poisoned = True
        self._owner = None
        self._unlock()

    def _guard(self) -> MutexGuard[T]:
        """A guard for the thread that has just acquired the lock."""
        guard: MutexGuard[T] = _HeldMutexGuard()
        _set_mutex(guard, self)
        return guard

    def _release_for_wait(self, guard: MutexGuard[T]) -> None:
        """Unlock while a `Condvar` waits with `guard`, the held guard. The
        guard counts as released meanwhile: another thread that has it can
        neither see it held nor release the lock through it."""
        _set_class(guard, MutexGuard)
        self._release(False)

    def _reacquire_after_wait(self, guard: MutexGuard[T], owner: ThreadToken) -> None:
        """Block until the lock is `owner`'s again, and `guard` holds it (after
        `_release_for_wait`)."""
        self._acquire()
        self._owner = owner
        _set_class(guard, _HeldMutexGuard)

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
        try:
            me = _tokens.token
        except AttributeError:
            me = thread_token()
        # Only the holding thread sets or clears the owner: if it is not this
        # thread, this thread does not hold the lock and may block on it.
        if self._owner is me:
            raise Panic("deadlock: this thread already holds the lock of this Mutex")
        self._acquire()
        self._owner = me
        guard: MutexGuard[T] = _HeldMutexGuard()
        _set_mutex(guard, self)
        if self._poisoned:
            return lock_result(guard, True)
        ok: Ok[MutexGuard[T]] = _new(Ok)
        ok._value = guard  # what Ok(guard) does, without a Python-level call
        return ok

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
        if not self._acquire(False):
            return Err(TryLockError.WouldBlock)
        self._owner = thread_token()
        return try_lock_result(self._guard(), self._poisoned)

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
        return lock_result(value, self._poisoned)

    def get_mut(self) -> LockResult[T]:
        """The value: `Ok(value)`, or `Err(PoisonError(value))` if poisoned.
        Rust's version needs `&mut self`, so no lock is taken; this one waits
        for the lock like `into_inner`. Mirrors `Mutex::get_mut`."""
        return self.into_inner()

    def _rust_type(self) -> str:
        return f"Mutex<{rust_type(self._data)}>"

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        return blame(self._data, False, visit)

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
