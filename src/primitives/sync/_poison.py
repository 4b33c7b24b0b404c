"""`PoisonError`, `TryLockError`, and the results the locks build from them."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeAlias, TypeVar, final

from primitives._result import Err, Ok, Result, _unwind

T = TypeVar("T")

__all__ = ["LockResult", "PoisonError", "TryLockError", "TryLockResult"]


@final
class PoisonError(Generic[T]):
    """A lock was poisoned: a thread panicked while holding it (for an
    `RwLock`, while holding a write guard). The error still carries the guard
    (or the value, for `into_inner`), so the data can be recovered. Mirrors
    `std::sync::PoisonError`.

    ```pycon
    >>> from primitives.sync import Mutex
    >>> m = Mutex(1)
    >>> try:
    ...     with m.lock().unwrap() as guard:
    ...         guard.value = 2
    ...         raise ValueError("failed halfway")
    ... except ValueError:
    ...     pass
    >>> result = m.lock()
    >>> result
    Err(PoisonError { .. })
    >>> result.unwrap_err().into_inner().value
    2

    ```
    """

    __slots__ = ("_inner",)
    __match_args__ = ("_inner",)

    def __init__(self, inner: T) -> None:
        self._inner = inner

    def into_inner(self) -> T:
        """The guard (or value) the failed call would have returned. Mirrors
        `PoisonError::into_inner`."""
        return self._inner

    def get_ref(self) -> T:
        """Same as `into_inner` (Python has no borrow). Mirrors
        `PoisonError::get_ref`."""
        return self._inner

    def _unwind(self) -> None:
        _unwind(self._inner)

    def __repr__(self) -> str:
        return "PoisonError { .. }"

    def __str__(self) -> str:
        return "poisoned lock: another task failed inside"


class TryLockError:
    """Why `try_lock`/`try_read`/`try_write` failed: `TryLockError.WouldBlock`
    (the lock is held elsewhere; usable in `case` patterns and `==`) or
    `TryLockError.Poisoned(poison_error)`. Mirrors `std::sync::TryLockError`.

    ```pycon
    >>> from primitives import Err
    >>> from primitives.sync import Mutex, TryLockError
    >>> m = Mutex(0)
    >>> guard = m.lock().unwrap()
    >>> m.try_lock()
    Err(WouldBlock)
    >>> m.try_lock() == Err(TryLockError.WouldBlock)
    True

    ```
    """

    __slots__ = ()

    WouldBlock: ClassVar[TryLockError]
    Poisoned: ClassVar[type[_Poisoned[Any]]]


@final
class _WouldBlock(TryLockError):
    __slots__ = ()

    def __repr__(self) -> str:
        return "WouldBlock"

    def __str__(self) -> str:
        return "try_lock failed because the operation would block"

    def __reduce__(self) -> str:
        return "_WOULD_BLOCK"


@final
class _Poisoned(TryLockError, Generic[T]):
    """The lock is poisoned; `.error` is the `PoisonError` (with the guard).
    Mirrors `TryLockError::Poisoned`."""

    __slots__ = ("error",)
    __match_args__ = ("error",)

    def __init__(self, error: PoisonError[T]) -> None:
        self.error = error

    @property
    def value(self) -> PoisonError[T]:
        """The `PoisonError` (same as `.error`)."""
        return self.error

    def _unwind(self) -> None:
        self.error._unwind()

    def __repr__(self) -> str:
        return "Poisoned(..)"

    def __str__(self) -> str:
        return str(self.error)


_WOULD_BLOCK = _WouldBlock()
_Poisoned.__name__ = "Poisoned"
_Poisoned.__qualname__ = "TryLockError.Poisoned"
TryLockError.WouldBlock = _WOULD_BLOCK
TryLockError.Poisoned = _Poisoned


LockResult: TypeAlias = Result[T, PoisonError[T]]
"""`Ok(guard)` or `Err(PoisonError(guard))`. Mirrors `std::sync::LockResult`."""

TryLockResult: TypeAlias = Result[T, TryLockError]
"""`Ok(guard)` or `Err(TryLockError...)`. Mirrors `std::sync::TryLockResult`."""


def lock_result(value: T, poisoned: bool) -> LockResult[T]:
    """`Ok(value)`, or `Err(PoisonError(value))` if the lock is poisoned."""
    if poisoned:
        return Err(PoisonError(value))
    return Ok(value)


def try_lock_result(value: T, poisoned: bool) -> TryLockResult[T]:
    """`Ok(value)`, or `Err(TryLockError.Poisoned(PoisonError(value)))`."""
    if poisoned:
        return Err(_Poisoned(PoisonError(value)))
    return Ok(value)
