"""`Condvar` and `WaitTimeoutResult`."""

from __future__ import annotations

import threading
import time as _time
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar, final

from primitives._core import NotCopyable, UseAfterDropError, thread_token
from primitives._result import Panic, Result
from primitives.sync._mutex import LockResult, Mutex, MutexGuard
from primitives.sync._poison import PoisonError, lock_result
from primitives.time import Duration, timeout_seconds

T = TypeVar("T")

__all__ = ["Condvar", "WaitTimeoutResult"]


@final
class WaitTimeoutResult:
    """Whether a timed wait ended because the time ran out. Mirrors
    `std::sync::WaitTimeoutResult`."""

    __slots__ = ("_timed_out",)

    def __init__(self, timed_out: bool) -> None:
        self._timed_out = timed_out

    def timed_out(self) -> bool:
        """`True` if the wait returned because the timeout elapsed. Mirrors
        `WaitTimeoutResult::timed_out`."""
        return self._timed_out

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, WaitTimeoutResult) and self._timed_out == other._timed_out
        )

    def __hash__(self) -> int:
        return hash(self._timed_out)

    def __repr__(self) -> str:
        return f"WaitTimeoutResult({'true' if self._timed_out else 'false'})"


TimeoutResult = Result[
    tuple[MutexGuard[T], WaitTimeoutResult],
    PoisonError[tuple[MutexGuard[T], WaitTimeoutResult]],
]


@final
class Condvar(NotCopyable):
    """A condition variable: lets threads sleep until another thread changes
    the value behind a `Mutex` and notifies them. Mirrors
    `std::sync::Condvar`.

    `wait(guard)` releases the guard's mutex and sleeps, atomically (a
    notification sent after the mutex was released cannot be missed), then
    takes the mutex back before returning the guard. `notify_one()` and
    `notify_all()` do not need the mutex to be held. Unlike Rust's, this
    condition variable never wakes spuriously, but code should still wait in
    a loop (`wait_while`), as in Rust. One `Condvar` may only be used with one
    `Mutex`; using it with a second one is a `Panic`, as in Rust. A timed
    wait accepts any `Duration` up to `Duration.MAX`.

    ```pycon
    >>> from primitives import thread
    >>> from primitives.sync import Arc, Condvar, Mutex
    >>> pair = Arc((Mutex(False), Condvar()))
    >>> def start(pair=pair.clone()):
    ...     lock, cvar = pair
    ...     with lock.lock().unwrap() as started:
    ...         started.value = True
    ...     cvar.notify_one()
    >>> handle = thread.spawn(start)
    >>> lock, cvar = pair
    >>> guard = cvar.wait_while(lock.lock().unwrap(), lambda started: not started)
    >>> guard.unwrap().value
    True

    ```
    """

    __slots__ = ("_lock", "_mutex", "_waiters")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: deque[Any] = deque()
        self._mutex: Mutex[Any] | None = None

    def _wait(self, guard: MutexGuard[Any], timeout: float | None) -> bool:
        """Release the mutex, sleep until notified (or `timeout`), re-lock.

        Returns `False` if the wait timed out.
        """
        if not isinstance(guard, MutexGuard):
            raise TypeError(
                f"Condvar waits take a MutexGuard, not {type(guard).__name__}"
            )
        owner = guard._owner
        if owner is None:
            raise UseAfterDropError("this MutexGuard was already dropped")
        if owner is not thread_token():
            raise RuntimeError("a Condvar must be waited on by the guard's thread")
        mutex = guard._mutex
        waiter = threading.Lock()
        waiter.acquire()
        with self._lock:
            if self._mutex is None:
                self._mutex = mutex
            elif self._mutex is not mutex:
                raise Panic("attempted to use a condition variable with two mutexes")
            self._waiters.append(waiter)
        mutex._release_for_wait(guard)
        notified = False
        try:
            if timeout is None:
                notified = waiter.acquire()
            elif timeout > 0:
                notified = waiter.acquire(True, timeout)
            else:
                notified = waiter.acquire(False)
        finally:
            if not notified:
                with self._lock:
                    try:
                        self._waiters.remove(waiter)
                    except ValueError:
                        # A notifier picked this waiter as it timed out: count
                        # it as woken, so the notification is not lost.
                        notified = True
            mutex._reacquire_after_wait(guard, owner)
        return notified

    @staticmethod
    def _after(guard: MutexGuard[T]) -> LockResult[MutexGuard[T]]:
        return lock_result(guard, guard._mutex._poisoned)

    @staticmethod
    def _after_timed(guard: MutexGuard[T], timed_out: bool) -> TimeoutResult[T]:
        return lock_result(
            (guard, WaitTimeoutResult(timed_out)), guard._mutex._poisoned
        )

    def wait(self, guard: MutexGuard[T]) -> LockResult[MutexGuard[T]]:
        """Release the guard's mutex, block until notified, then re-lock and
        return `Ok(guard)` (or `Err(PoisonError(guard))` if the mutex is
        poisoned by then). Mirrors `Condvar::wait`."""
        self._wait(guard, None)
        return self._after(guard)

    def wait_while(
        self, guard: MutexGuard[T], condition: Callable[[T], bool]
    ) -> LockResult[MutexGuard[T]]:
        """Block while `condition(value)` is true, waiting for notifications
        between checks. Returns `Ok(guard)` once it is false, or
        `Err(PoisonError(guard))` if the mutex is poisoned. Mirrors
        `Condvar::wait_while`."""
        while condition(guard.value):
            self._wait(guard, None)
            if guard._mutex._poisoned:
                break
        return self._after(guard)

    def wait_timeout(
        self, guard: MutexGuard[T], duration: Duration
    ) -> TimeoutResult[T]:
        """Like `wait`, but block for at most `duration`. Returns
        `Ok((guard, WaitTimeoutResult))`; `.timed_out()` says whether the time
        ran out. Mirrors `Condvar::wait_timeout`.

        ```pycon
        >>> from primitives.sync import Condvar, Mutex
        >>> from primitives.time import Duration
        >>> m, cv = Mutex(0), Condvar()
        >>> guard, result = cv.wait_timeout(
        ...     m.lock().unwrap(), Duration.from_millis(1)
        ... ).unwrap()
        >>> result.timed_out()
        True

        ```
        """
        notified = self._wait(guard, timeout_seconds(duration, "wait_timeout"))
        return self._after_timed(guard, not notified)

    def wait_timeout_while(
        self,
        guard: MutexGuard[T],
        duration: Duration,
        condition: Callable[[T], bool],
    ) -> TimeoutResult[T]:
        """Block while `condition(value)` is true, for at most `duration` in
        total. Returns `Ok((guard, result))` where `result.timed_out()` is true
        if the condition still held when time ran out. Mirrors
        `Condvar::wait_timeout_while`."""
        seconds = timeout_seconds(duration, "wait_timeout_while")
        deadline = None if seconds is None else _time.monotonic() + seconds
        timed_out = False
        while condition(guard.value):
            remaining = None if deadline is None else deadline - _time.monotonic()
            if remaining is not None and remaining <= 0:
                timed_out = True
                break
            self._wait(guard, remaining)
            if guard._mutex._poisoned:
                break
        return self._after_timed(guard, timed_out)

    def notify_one(self) -> None:
        """Wake one thread blocked in a wait on this condvar, if any. Never
        blocks. Mirrors `Condvar::notify_one`."""
        with self._lock:
            if self._waiters:
                self._waiters.popleft().release()

    def notify_all(self) -> None:
        """Wake every thread blocked in a wait on this condvar. Never blocks.
        Mirrors `Condvar::notify_all`."""
        with self._lock:
            waiters, self._waiters = self._waiters, deque()
            for waiter in waiters:
                waiter.release()

    def __repr__(self) -> str:
        return "Condvar { .. }"
