"""`RwLock` and its guards."""

from __future__ import annotations

import threading
from typing import Any, Generic, TypeVar, final

from primitives._core import (
    Blame,
    NotCopyable,
    ThreadToken,
    Visit,
    blame,
    rust_type,
    thread_token,
)
from primitives._guard import Guard, ReleasedWhenFreed, _set_slot
from primitives._pointer import associated
from primitives._result import Err, Panic, Result
from primitives.sync._poison import (
    LockResult,
    PoisonError,
    TryLockError,
    TryLockResult,
    lock_result,
    try_lock_result,
)

T = TypeVar("T")

__all__ = ["RwLock", "RwLockReadGuard", "RwLockWriteGuard"]


@final
class RwLockReadGuard(Guard[T], ReleasedWhenFreed):
    """Shared read access to an `RwLock`'s value; many may exist at once.
    Assigning through it is a `TypeError`. Mirrors
    `std::sync::RwLockReadGuard`."""

    __slots__ = ("_lock", "_owner")

    _lock: RwLock[T]
    _change_hint = ": lock with write() to change the value"

    def __init__(self, lock: RwLock[T], owner: ThreadToken) -> None:
        _set_slot(self, "_lock", lock)
        _set_slot(self, "_owner", owner)

    def _get(self) -> T:
        return self._lock._data

    def _unlock(self, poison: bool, owner: ThreadToken) -> None:
        # A panic under a read guard does not poison the lock.
        self._lock._release_read(owner)

    def _finalizer_lock(self) -> Any:
        return self._lock._cond

    def _blame_sync(self, visit: Visit) -> Blame | None:
        return blame(self._lock._data, True, visit)


@final
class RwLockWriteGuard(Guard[T], ReleasedWhenFreed):
    """Exclusive write access to an `RwLock`'s value. An exception escaping
    its `with` block poisons the lock. Mirrors
    `std::sync::RwLockWriteGuard`."""

    __slots__ = ("_lock", "_owner")

    _lock: RwLock[T]
    _writable = True

    def __init__(self, lock: RwLock[T], owner: ThreadToken) -> None:
        _set_slot(self, "_lock", lock)
        _set_slot(self, "_owner", owner)

    def _get(self) -> T:
        return self._lock._data

    def _set(self, value: T) -> None:
        self._lock._data = value

    def _unlock(self, poison: bool, owner: ThreadToken) -> None:
        self._lock._release_write(poison)

    @associated
    def downgrade(self) -> RwLockReadGuard[T]:
        """Turn this write guard into a read guard, atomically: no writer can
        take the lock in between, and other readers may now join. Call it as
        `RwLockWriteGuard.downgrade(guard)`. Mirrors
        `RwLockWriteGuard::downgrade`.

        ```pycon
        >>> from primitives.sync import RwLock, RwLockWriteGuard
        >>> lock = RwLock(1)
        >>> writer = lock.write().unwrap()
        >>> writer.value = 2
        >>> reader = RwLockWriteGuard.downgrade(writer)
        >>> reader.value, lock.try_read().is_ok(), lock.try_write().is_ok()
        (2, True, False)

        ```
        """
        if not isinstance(self, RwLockWriteGuard):
            raise TypeError(f"expected an RwLockWriteGuard, not {type(self).__name__}")
        owner = self._owner
        if owner is None:
            raise self._released_error()
        if owner is not thread_token():
            raise RuntimeError("a write guard must be downgraded by its own thread")
        lock = self._lock
        _set_slot(self, "_owner", None)
        lock._downgrade(owner)
        return RwLockReadGuard(lock, owner)

    def _finalizer_lock(self) -> Any:
        return self._lock._cond

    def _blame_sync(self, visit: Visit) -> Blame | None:
        return blame(self._lock._data, True, visit)


@final
class RwLock(NotCopyable, Generic[T]):
    """A reader-writer lock: many readers or one writer. Mirrors
    `std::sync::RwLock`.

    Writer-preferring, like std on Linux: while a writer waits, new readers
    wait too, so a stream of readers cannot starve a writer. Only a panic under
    a write guard poisons the lock. A thread that asks for a lock it cannot
    get because it holds one itself (a write while it reads, a read while it
    writes, or a second read while a writer waits) gets a `Panic` instead of
    hanging.

    ```pycon
    >>> from primitives import drop
    >>> lock = RwLock(5)
    >>> r1 = lock.read().unwrap()
    >>> r2 = lock.read().unwrap()
    >>> r1.value + r2.value
    10
    >>> lock.try_write()
    Err(WouldBlock)
    >>> drop(r1); drop(r2)
    >>> with lock.write().unwrap() as w:
    ...     w.value += 1
    >>> lock
    RwLock { data: 6, poisoned: false, .. }

    ```
    """

    __slots__ = (
        "_cond",
        "_data",
        "_poisoned",
        "_readers",
        "_writer",
        "_writers_waiting",
    )
    _copy_hint = ": share one with Arc(RwLock(value))"

    def __init__(self, value: T) -> None:
        # Reentrant only so that a finalizer can tell this thread holds it.
        self._cond = threading.Condition(threading.RLock())
        self._data = value
        self._readers: dict[ThreadToken, int] = {}
        self._writer: ThreadToken | None = None
        self._writers_waiting = 0
        self._poisoned = False

    # -- acquiring ----------------------------------------------------------

    def read(self) -> LockResult[RwLockReadGuard[T]]:
        """Block until no writer holds or waits for the lock, then return
        `Ok(read_guard)` (or `Err(PoisonError(read_guard))` if poisoned).
        Mirrors `RwLock::read`."""
        me = thread_token()
        with self._cond:
            deadlock = self._writer == me or (
                me in self._readers and self._writers_waiting > 0
            )
            if not deadlock:
                if me not in self._readers:
                    while self._writer is not None or self._writers_waiting:
                        self._cond.wait()
                self._readers[me] = self._readers.get(me, 0) + 1
        if deadlock:
            raise Panic("rwlock read lock would result in deadlock")
        return lock_result(RwLockReadGuard(self, me), self._poisoned)

    def try_read(self) -> TryLockResult[RwLockReadGuard[T]]:
        """Take a read lock only if that needs no waiting. Never blocks.
        Returns `Ok(guard)`, `Err(TryLockError.WouldBlock)` or
        `Err(TryLockError.Poisoned(...))`. Mirrors `RwLock::try_read`."""
        me = thread_token()
        with self._cond:
            free = self._writer is None and not self._writers_waiting
            if free:
                self._readers[me] = self._readers.get(me, 0) + 1
        if not free:
            return Err(TryLockError.WouldBlock)
        return try_lock_result(RwLockReadGuard(self, me), self._poisoned)

    def write(self) -> LockResult[RwLockWriteGuard[T]]:
        """Block until no reader or writer holds the lock, then return
        `Ok(write_guard)` (or `Err(PoisonError(write_guard))` if poisoned).
        While it waits, new readers wait too. Mirrors `RwLock::write`."""
        me = thread_token()
        with self._cond:
            deadlock = self._writer == me or me in self._readers
        if deadlock:
            raise Panic("rwlock write lock would result in deadlock")
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writer is not None or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
                if self._writer is not None or self._readers:
                    # Interrupted while waiting: readers held back for this
                    # writer may go on.
                    self._cond.notify_all()
            self._writer = me
        return lock_result(RwLockWriteGuard(self, me), self._poisoned)

    def try_write(self) -> TryLockResult[RwLockWriteGuard[T]]:
        """Take the write lock only if it is entirely free. Never blocks.
        Returns `Ok(guard)`, `Err(TryLockError.WouldBlock)` or
        `Err(TryLockError.Poisoned(...))`. Mirrors `RwLock::try_write`."""
        me = thread_token()
        with self._cond:
            free = self._writer is None and not self._readers
            if free:
                self._writer = me
        if not free:
            return Err(TryLockError.WouldBlock)
        return try_lock_result(RwLockWriteGuard(self, me), self._poisoned)

    # -- releasing ----------------------------------------------------------------

    def _release_read(self, owner: ThreadToken) -> None:
        with self._cond:
            count = self._readers[owner] - 1
            if count:
                self._readers[owner] = count
            else:
                del self._readers[owner]
                if not self._readers:
                    self._cond.notify_all()

    def _downgrade(self, owner: ThreadToken) -> None:
        with self._cond:
            self._writer = None
            self._readers[owner] = self._readers.get(owner, 0) + 1
            self._cond.notify_all()

    def _release_write(self, poison: bool) -> None:
        with self._cond:
            if poison:
                self._poisoned = True
            self._writer = None
            self._cond.notify_all()

    # -- state ----------------------------------------------------------------------

    def is_poisoned(self) -> bool:
        """Whether a thread panicked while holding a write guard. Mirrors
        `RwLock::is_poisoned`."""
        return self._poisoned

    def clear_poison(self) -> None:
        """Mark the lock as not poisoned any more. Mirrors
        `RwLock::clear_poison`."""
        self._poisoned = False

    def into_inner(self) -> Result[T, PoisonError[T]]:
        """The protected value: `Ok(value)`, or `Err(PoisonError(value))` if
        poisoned. Waits while a writer holds the lock. Rust's version consumes
        the lock; this one leaves it usable. Mirrors `RwLock::into_inner`."""
        with self.read().unwrap_or_else(PoisonError.into_inner) as guard:
            value: T = guard.value
        return lock_result(value, self._poisoned)

    def _rust_type(self) -> str:
        return f"RwLock<{rust_type(self._data)}>"

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        return blame(self._data, False, visit) or (
            blame(self._data, True, visit) if sync else None
        )

    def __repr__(self) -> str:
        poisoned = "true" if self._poisoned else "false"
        with self._cond:
            free = self._writer is None and not self._writers_waiting
        data = repr(self._data) if free else "<locked>"
        return f"RwLock {{ data: {data}, poisoned: {poisoned}, .. }}"
