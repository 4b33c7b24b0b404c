"""`Ok`, `Err`, `Result` and `Panic`: Rust's `Result` and `panic!` for Python.

Every call that returns a `Result` in Rust returns an `Ok` or an `Err` here and
does not raise. `unwrap()` and `expect()` turn an `Err` into a `Panic`, with the
message Rust prints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, NoReturn, TypeAlias, TypeVar, final

T = TypeVar("T")
E = TypeVar("E")
U = TypeVar("U")

__all__ = ["Err", "Ok", "Panic", "Result"]


class Panic(Exception):
    """A Rust panic.

    Raised by `unwrap()`/`expect()` on the wrong variant, by a conflicting
    `RefCell` borrow, by an invalid atomic ordering and by the other places where
    Rust's std panics. An exception of any type that escapes a spawned thread's
    function is that thread's panic.

    Mirrors `panic!` / `std::panic`.

    ```pycon
    >>> raise Panic("boom")
    Traceback (most recent call last):
      ...
    primitives.Panic: boom

    ```
    """


Panic.__module__ = "primitives"


def _debug(value: object) -> str:
    """Render `value` the way the reprs in this package show inner values."""
    return repr(value)


def _unwind(value: object) -> None:
    """Drop what a panicking `unwrap`/`expect` consumed, as Rust's unwinding
    does: a guard inside it (a `PoisonError`'s, say) is released now rather
    than when the traceback that refers to it is freed."""
    method = getattr(type(value), "_unwind", None)
    if method is not None:
        method(value)
    elif type(value) is tuple:
        for item in value:
            _unwind(item)


def _panic(message: str, consumed: object) -> Panic:
    _unwind(consumed)
    return Panic(message)


@final
class Ok(Generic[T]):
    """The success variant of a `Result`. Mirrors `std::result::Result::Ok`.

    Supports `match` (``case Ok(v):``), equality and a repr like Rust's `Debug`.

    ```pycon
    >>> r = Ok(10)
    >>> r
    Ok(10)
    >>> r.unwrap(), r.is_ok(), r.is_err(), r.ok(), r.err()
    (10, True, False, 10, None)
    >>> match r:
    ...     case Ok(v):
    ...         print("got", v)
    ...     case Err(e):
    ...         print("error", e)
    got 10

    ```
    """

    __slots__ = ("_value",)
    __match_args__ = ("_value",)

    _value: T

    def __init__(self, value: T) -> None:
        self._value = value

    def is_ok(self) -> bool:
        """Return `True`. Mirrors `Result::is_ok`."""
        return True

    def is_err(self) -> bool:
        """Return `False`. Mirrors `Result::is_err`."""
        return False

    def ok(self) -> T:
        """Return the value (Rust's `Some(v)`). Mirrors `Result::ok`."""
        return self._value

    def err(self) -> None:
        """Return `None`: there is no error. Mirrors `Result::err`."""
        return None

    def unwrap(self) -> T:
        """Return the value. Mirrors `Result::unwrap`."""
        return self._value

    def expect(self, msg: str) -> T:
        """Return the value; `msg` is not used. Mirrors `Result::expect`."""
        return self._value

    def unwrap_err(self) -> NoReturn:
        """Raise `Panic`: an `Ok` has no error. Mirrors `Result::unwrap_err`.

        ```pycon
        >>> Ok(3).unwrap_err()
        Traceback (most recent call last):
          ...
        primitives.Panic: called `Result::unwrap_err()` on an `Ok` value: 3

        ```
        """
        raise _panic(
            f"called `Result::unwrap_err()` on an `Ok` value: {_debug(self._value)}",
            self._value,
        )

    def expect_err(self, msg: str) -> NoReturn:
        """Raise `Panic` with `msg`. Mirrors `Result::expect_err`."""
        raise _panic(f"{msg}: {_debug(self._value)}", self._value)

    def unwrap_or(self, default: object) -> T:
        """Return the value, ignoring `default`. Mirrors `Result::unwrap_or`."""
        return self._value

    def unwrap_or_else(self, op: Callable[[Any], object]) -> T:
        """Return the value without calling `op`. Mirrors `Result::unwrap_or_else`."""
        return self._value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ok) and bool(self._value == other._value)

    def __hash__(self) -> int:
        return hash((Ok, self._value))

    def __repr__(self) -> str:
        return f"Ok({_debug(self._value)})"


@final
class Err(Generic[E]):
    """The failure variant of a `Result`. Mirrors `std::result::Result::Err`.

    `unwrap()` and `expect()` raise `Panic` with Rust's message.

    ```pycon
    >>> r = Err("no data")
    >>> r
    Err('no data')
    >>> r.is_err(), r.ok(), r.err(), r.unwrap_or(0)
    (True, None, 'no data', 0)
    >>> r.unwrap()
    Traceback (most recent call last):
      ...
    primitives.Panic: called `Result::unwrap()` on an `Err` value: 'no data'
    >>> r.expect("reading failed")
    Traceback (most recent call last):
      ...
    primitives.Panic: reading failed: 'no data'

    ```
    """

    __slots__ = ("_error",)
    __match_args__ = ("_error",)

    _error: E

    def __init__(self, error: E) -> None:
        self._error = error

    def is_ok(self) -> bool:
        """Return `False`. Mirrors `Result::is_ok`."""
        return False

    def is_err(self) -> bool:
        """Return `True`. Mirrors `Result::is_err`."""
        return True

    def ok(self) -> None:
        """Return `None`: there is no value. Mirrors `Result::ok`."""
        return None

    def err(self) -> E:
        """Return the error (Rust's `Some(e)`). Mirrors `Result::err`."""
        return self._error

    def unwrap(self) -> NoReturn:
        """Raise `Panic` with the error's repr. Mirrors `Result::unwrap`."""
        raise _panic(
            f"called `Result::unwrap()` on an `Err` value: {_debug(self._error)}",
            self._error,
        )

    def expect(self, msg: str) -> NoReturn:
        """Raise `Panic` with `msg` and the error's repr. Mirrors `Result::expect`."""
        raise _panic(f"{msg}: {_debug(self._error)}", self._error)

    def unwrap_err(self) -> E:
        """Return the error. Mirrors `Result::unwrap_err`."""
        return self._error

    def expect_err(self, msg: str) -> E:
        """Return the error; `msg` is not used. Mirrors `Result::expect_err`."""
        return self._error

    def unwrap_or(self, default: U) -> U:
        """Return `default`. Mirrors `Result::unwrap_or`."""
        return default

    def unwrap_or_else(self, op: Callable[[E], U]) -> U:
        """Return `op(error)`. Mirrors `Result::unwrap_or_else`."""
        return op(self._error)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Err) and bool(self._error == other._error)

    def __hash__(self) -> int:
        return hash((Err, self._error))

    def __repr__(self) -> str:
        return f"Err({_debug(self._error)})"


Result: TypeAlias = Ok[T] | Err[E]
"""`Ok[T] | Err[E]`: the value of every call that returns a `Result` in Rust."""
