"""`Duration` and `Instant`. Mirrors `std::time`.

```pycon
>>> from primitives.time import Duration
>>> Duration.from_millis(10)
10ms
>>> Duration.from_millis(1500)
1.5s
>>> Duration.from_micros(250) + Duration.from_nanos(0)
250µs

```
"""

from __future__ import annotations

import time as _time
from functools import total_ordering
from typing import final

__all__ = ["Duration", "Instant"]

_NANOS_PER_SEC = 1_000_000_000
_NANOS_PER_MILLI = 1_000_000
_NANOS_PER_MICRO = 1_000


def _whole(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{what} cannot be negative (Rust's Duration is unsigned)")
    return value


def _decimal(integer: int, fraction: int, divisor: int, suffix: str) -> str:
    """Rust's `fmt_decimal` without a precision: drop trailing zeros."""
    digits = ""
    while fraction > 0 and divisor > 0:
        digits += str(fraction // divisor)
        fraction %= divisor
        divisor //= 10
    if digits:
        return f"{integer}.{digits}{suffix}"
    return f"{integer}{suffix}"


@final
@total_ordering
class Duration:
    """A span of time, whole nanoseconds, never negative. Mirrors
    `std::time::Duration`.

    Build one with `from_secs`, `from_millis`, `from_micros`, `from_nanos` or
    `from_secs_f64`. Durations add, subtract (a negative result is a `Panic`, as
    in Rust), multiply and divide by an `int`, and compare. The repr is Rust's
    `Debug` output.

    ```pycon
    >>> d = Duration.from_secs(1) + Duration.from_millis(250)
    >>> d
    1.25s
    >>> d.as_millis(), d.as_secs_f64()
    (1250, 1.25)
    >>> Duration.from_millis(10) < Duration.from_secs(1)
    True
    >>> Duration.from_nanos(0)
    0ns

    ```
    """

    __slots__ = ("_nanos",)

    _nanos: int

    ZERO: Duration
    """A duration of zero. Mirrors `Duration::ZERO`."""

    MAX: Duration
    """The largest duration Rust can hold. Mirrors `Duration::MAX`."""

    def __init__(self, secs: int, nanos: int = 0) -> None:
        """`Duration(secs, nanos)`; nanoseconds beyond a second carry over.

        Mirrors `Duration::new`.
        """
        self._nanos = _whole(secs, "secs") * _NANOS_PER_SEC + _whole(nanos, "nanos")

    @classmethod
    def _of(cls, nanos: int) -> Duration:
        new = object.__new__(cls)
        new._nanos = nanos
        return new

    @classmethod
    def from_secs(cls, secs: int) -> Duration:
        """A duration of `secs` seconds. Mirrors `Duration::from_secs`."""
        return cls._of(_whole(secs, "secs") * _NANOS_PER_SEC)

    @classmethod
    def from_millis(cls, millis: int) -> Duration:
        """A duration of `millis` milliseconds. Mirrors `Duration::from_millis`."""
        return cls._of(_whole(millis, "millis") * _NANOS_PER_MILLI)

    @classmethod
    def from_micros(cls, micros: int) -> Duration:
        """A duration of `micros` microseconds. Mirrors `Duration::from_micros`."""
        return cls._of(_whole(micros, "micros") * _NANOS_PER_MICRO)

    @classmethod
    def from_nanos(cls, nanos: int) -> Duration:
        """A duration of `nanos` nanoseconds. Mirrors `Duration::from_nanos`."""
        return cls._of(_whole(nanos, "nanos"))

    @classmethod
    def from_secs_f64(cls, secs: float) -> Duration:
        """A duration of `secs` seconds, rounded to the nanosecond.

        A negative or non-finite value is a `Panic`, as in Rust. Mirrors
        `Duration::from_secs_f64`.

        ```pycon
        >>> Duration.from_secs_f64(0.5)
        500ms

        ```
        """
        from primitives._result import Panic

        if secs < 0:
            raise Panic("cannot convert float seconds to Duration: value is negative")
        if not secs * _NANOS_PER_SEC <= Duration.MAX._nanos:  # also catches NaN
            raise Panic(
                "cannot convert float seconds to Duration: "
                "value is either too big or NaN"
            )
        return cls._of(round(secs * _NANOS_PER_SEC))

    def as_secs(self) -> int:
        """Whole seconds. Mirrors `Duration::as_secs`."""
        return self._nanos // _NANOS_PER_SEC

    def as_millis(self) -> int:
        """Whole milliseconds. Mirrors `Duration::as_millis`."""
        return self._nanos // _NANOS_PER_MILLI

    def as_micros(self) -> int:
        """Whole microseconds. Mirrors `Duration::as_micros`."""
        return self._nanos // _NANOS_PER_MICRO

    def as_nanos(self) -> int:
        """Nanoseconds. Mirrors `Duration::as_nanos`."""
        return self._nanos

    def as_secs_f64(self) -> float:
        """Seconds as a float. Mirrors `Duration::as_secs_f64`."""
        return self._nanos / _NANOS_PER_SEC

    def subsec_millis(self) -> int:
        """The part below one second, in whole milliseconds.

        Mirrors `Duration::subsec_millis`.
        """
        return (self._nanos % _NANOS_PER_SEC) // _NANOS_PER_MILLI

    def subsec_micros(self) -> int:
        """The part below one second, in whole microseconds.

        Mirrors `Duration::subsec_micros`.
        """
        return (self._nanos % _NANOS_PER_SEC) // _NANOS_PER_MICRO

    def subsec_nanos(self) -> int:
        """The part below one second, in nanoseconds.

        Mirrors `Duration::subsec_nanos`.
        """
        return self._nanos % _NANOS_PER_SEC

    def is_zero(self) -> bool:
        """Whether the duration is zero. Mirrors `Duration::is_zero`."""
        return self._nanos == 0

    def checked_sub(self, other: Duration) -> Duration | None:
        """`self - other`, or `None` if that would be negative.

        Mirrors `Duration::checked_sub`.
        """
        if other._nanos > self._nanos:
            return None
        return Duration._of(self._nanos - other._nanos)

    def saturating_sub(self, other: Duration) -> Duration:
        """`self - other`, or zero if that would be negative.

        Mirrors `Duration::saturating_sub`.
        """
        return Duration._of(max(0, self._nanos - other._nanos))

    def __add__(self, other: Duration) -> Duration:
        if not isinstance(other, Duration):
            return NotImplemented
        return Duration._of(self._nanos + other._nanos)

    def __sub__(self, other: Duration) -> Duration:
        if not isinstance(other, Duration):
            return NotImplemented
        result = self.checked_sub(other)
        if result is None:
            from primitives._result import Panic

            raise Panic("overflow when subtracting durations")
        return result

    def __mul__(self, factor: int) -> Duration:
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Duration._of(self._nanos * _whole(factor, "factor"))

    __rmul__ = __mul__

    def __truediv__(self, divisor: int) -> Duration:
        if isinstance(divisor, bool) or not isinstance(divisor, int):
            return NotImplemented
        if divisor == 0:
            from primitives._result import Panic

            raise Panic("divide by zero error when dividing duration by scalar")
        return Duration._of(self._nanos // _whole(divisor, "divisor"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Duration) and self._nanos == other._nanos

    def __lt__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self._nanos < other._nanos

    def __hash__(self) -> int:
        return hash(self._nanos)

    def __bool__(self) -> bool:
        return self._nanos != 0

    def __repr__(self) -> str:
        secs, nanos = divmod(self._nanos, _NANOS_PER_SEC)
        if secs > 0:
            return _decimal(secs, nanos, _NANOS_PER_SEC // 10, "s")
        if nanos >= _NANOS_PER_MILLI:
            return _decimal(
                nanos // _NANOS_PER_MILLI,
                nanos % _NANOS_PER_MILLI,
                _NANOS_PER_MILLI // 10,
                "ms",
            )
        if nanos >= _NANOS_PER_MICRO:
            return _decimal(
                nanos // _NANOS_PER_MICRO,
                nanos % _NANOS_PER_MICRO,
                _NANOS_PER_MICRO // 10,
                "µs",
            )
        return f"{nanos}ns"


Duration.ZERO = Duration._of(0)
Duration.MAX = Duration._of((2**64 - 1) * _NANOS_PER_SEC + _NANOS_PER_SEC - 1)


@final
@total_ordering
class Instant:
    """A reading of a monotonic clock. Mirrors `std::time::Instant`.

    ```pycon
    >>> start = Instant.now()
    >>> start.elapsed() >= Duration.ZERO
    True
    >>> later = start + Duration.from_secs(1)
    >>> later - start
    1s

    ```
    """

    __slots__ = ("_nanos",)

    _nanos: int

    def __init__(self) -> None:
        """Same as `Instant.now()`."""
        self._nanos = _time.monotonic_ns()

    @classmethod
    def now(cls) -> Instant:
        """The current time. Mirrors `Instant::now`."""
        return cls()

    def elapsed(self) -> Duration:
        """Time passed since this instant. Mirrors `Instant::elapsed`."""
        return Duration._of(max(0, _time.monotonic_ns() - self._nanos))

    def duration_since(self, earlier: Instant) -> Duration:
        """`self - earlier`, zero if `earlier` is later.

        Mirrors `Instant::duration_since`.
        """
        return Duration._of(max(0, self._nanos - earlier._nanos))

    def __add__(self, other: Duration) -> Instant:
        if not isinstance(other, Duration):
            return NotImplemented
        new = object.__new__(Instant)
        new._nanos = self._nanos + other._nanos
        return new

    def __sub__(self, other: Instant) -> Duration:
        if not isinstance(other, Instant):
            return NotImplemented
        return self.duration_since(other)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Instant) and self._nanos == other._nanos

    def __lt__(self, other: Instant) -> bool:
        if not isinstance(other, Instant):
            return NotImplemented
        return self._nanos < other._nanos

    def __hash__(self) -> int:
        return hash(self._nanos)

    def __repr__(self) -> str:
        secs, nanos = divmod(self._nanos, _NANOS_PER_SEC)
        return f"Instant {{ tv_sec: {secs}, tv_nsec: {nanos} }}"
