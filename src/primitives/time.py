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

import threading
import time as _time
from functools import total_ordering
from typing import final

from primitives._result import Panic

__all__ = ["Duration", "Instant"]

_NANOS_PER_SEC = 1_000_000_000
_NANOS_PER_MILLI = 1_000_000
_NANOS_PER_MICRO = 1_000
_U64_MAX = 2**64 - 1
_MAX_NANOS = _U64_MAX * _NANOS_PER_SEC + _NANOS_PER_SEC - 1
#: Rust's `Instant` holds an `i64` of seconds.
_INSTANT_MAX_NANOS = (2**63 - 1) * _NANOS_PER_SEC + _NANOS_PER_SEC - 1


def _whole(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{what} cannot be negative (Rust's Duration is unsigned)")
    return value


def _u64(value: int, what: str, call: str) -> int:
    """An argument that Rust types as `u64`: beyond it, the result would not
    fit either, so it is the same overflow `Panic`."""
    if _whole(value, what) > _U64_MAX:
        raise Panic(f"overflow in {call}: {what} does not fit in a u64")
    return value


def _duration(other: object, call: str) -> Duration:
    if not isinstance(other, Duration):
        raise TypeError(f"{call} takes a Duration, not {type(other).__name__}")
    return other


def _checked(nanos: int) -> Duration | None:
    if nanos > _MAX_NANOS:
        return None
    return Duration._of(nanos)


def _or_panic(result: Duration | None, message: str) -> Duration:
    if result is None:
        raise Panic(message)
    return result


#: The longest wait `threading` accepts; a longer one waits without a timeout.
_TIMEOUT_MAX = threading.TIMEOUT_MAX


def timeout_seconds(duration: Duration, caller: str) -> float | None:
    """The seconds to pass to a `threading` wait for `duration`, or `None`
    (wait until woken) for a duration longer than any wait `threading`
    supports: about 292 years, which includes `Duration.MAX`.

    Raises `TypeError` if `duration` is not a `Duration`.
    """
    if not isinstance(duration, Duration):
        raise TypeError(
            f"{caller} takes a Duration (e.g. Duration.from_millis(10)), "
            f"not {type(duration).__name__}"
        )
    seconds = duration._nanos / _NANOS_PER_SEC
    return None if seconds >= _TIMEOUT_MAX else seconds


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
    in Rust), multiply and divide by an `int`, and compare. Nothing is larger
    than `Duration.MAX` (`u64::MAX` seconds): building or computing a larger
    value is a `Panic` with Rust's message, and the `checked_*` methods return
    `None` instead, the `saturating_*` ones `Duration.MAX`. Every duration up
    to `Duration.MAX` is a valid timeout, however long. The repr is Rust's
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
        total = _u64(secs, "secs", "Duration::new") * _NANOS_PER_SEC
        total += _whole(nanos, "nanos")
        if total > _MAX_NANOS:
            raise Panic("overflow in Duration::new")
        self._nanos = total

    @classmethod
    def _of(cls, nanos: int) -> Duration:
        new = object.__new__(cls)
        new._nanos = nanos
        return new

    @classmethod
    def from_secs(cls, secs: int) -> Duration:
        """A duration of `secs` seconds. Mirrors `Duration::from_secs`."""
        return cls._of(_u64(secs, "secs", "Duration::from_secs") * _NANOS_PER_SEC)

    @classmethod
    def from_millis(cls, millis: int) -> Duration:
        """A duration of `millis` milliseconds. Mirrors `Duration::from_millis`."""
        return cls._of(
            _u64(millis, "millis", "Duration::from_millis") * _NANOS_PER_MILLI
        )

    @classmethod
    def from_micros(cls, micros: int) -> Duration:
        """A duration of `micros` microseconds. Mirrors `Duration::from_micros`."""
        return cls._of(
            _u64(micros, "micros", "Duration::from_micros") * _NANOS_PER_MICRO
        )

    @classmethod
    def from_nanos(cls, nanos: int) -> Duration:
        """A duration of `nanos` nanoseconds. Mirrors `Duration::from_nanos`."""
        return cls._of(_u64(nanos, "nanos", "Duration::from_nanos"))

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

    def checked_add(self, other: Duration) -> Duration | None:
        """`self + other`, or `None` if that would exceed `Duration.MAX`.

        Mirrors `Duration::checked_add`.

        ```pycon
        >>> Duration.MAX.checked_add(Duration.from_nanos(1)) is None
        True

        ```
        """
        return _checked(self._nanos + _duration(other, "checked_add")._nanos)

    def checked_sub(self, other: Duration) -> Duration | None:
        """`self - other`, or `None` if that would be negative.

        Mirrors `Duration::checked_sub`.
        """
        nanos = self._nanos - _duration(other, "checked_sub")._nanos
        return None if nanos < 0 else Duration._of(nanos)

    def checked_mul(self, factor: int) -> Duration | None:
        """`self * factor`, or `None` if that would exceed `Duration.MAX`.

        Mirrors `Duration::checked_mul`.
        """
        return _checked(self._nanos * _whole(factor, "factor"))

    def saturating_add(self, other: Duration) -> Duration:
        """`self + other`, or `Duration.MAX` if that would exceed it.

        Mirrors `Duration::saturating_add`.
        """
        return self.checked_add(other) or Duration.MAX

    def saturating_sub(self, other: Duration) -> Duration:
        """`self - other`, or zero if that would be negative.

        Mirrors `Duration::saturating_sub`.
        """
        return self.checked_sub(other) or Duration.ZERO

    def saturating_mul(self, factor: int) -> Duration:
        """`self * factor`, or `Duration.MAX` if that would exceed it.

        Mirrors `Duration::saturating_mul`.
        """
        return self.checked_mul(factor) or Duration.MAX

    def mul_f64(self, factor: float) -> Duration:
        """`self * factor`, rounded to the nanosecond; a negative, too large
        or NaN result is a `Panic`. Mirrors `Duration::mul_f64`.

        ```pycon
        >>> Duration.from_secs(2).mul_f64(0.25)
        500ms

        ```
        """
        if isinstance(factor, bool) or not isinstance(factor, float | int):
            raise TypeError(f"mul_f64 takes a float, not {type(factor).__name__}")
        return Duration.from_secs_f64(self.as_secs_f64() * factor)

    def __add__(self, other: Duration) -> Duration:
        if not isinstance(other, Duration):
            return NotImplemented
        return _or_panic(self.checked_add(other), "overflow when adding durations")

    def __sub__(self, other: Duration) -> Duration:
        if not isinstance(other, Duration):
            return NotImplemented
        return _or_panic(self.checked_sub(other), "overflow when subtracting durations")

    def __mul__(self, factor: int) -> Duration:
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return _or_panic(
            self.checked_mul(factor), "overflow when multiplying duration by scalar"
        )

    __rmul__ = __mul__

    def __truediv__(self, divisor: int) -> Duration:
        if isinstance(divisor, bool) or not isinstance(divisor, int):
            return NotImplemented
        if divisor == 0:
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
Duration.MAX = Duration._of(_MAX_NANOS)


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
        if not isinstance(earlier, Instant):
            raise TypeError(
                f"duration_since takes an Instant, not {type(earlier).__name__}"
            )
        return Duration._of(max(0, self._nanos - earlier._nanos))

    def checked_add(self, duration: Duration) -> Instant | None:
        """`self + duration`, or `None` if the clock cannot represent it.

        Mirrors `Instant::checked_add`.
        """
        nanos = self._nanos + _duration(duration, "checked_add")._nanos
        if nanos > _INSTANT_MAX_NANOS:
            return None
        new = object.__new__(Instant)
        new._nanos = nanos
        return new

    def __add__(self, other: Duration) -> Instant:
        if not isinstance(other, Duration):
            return NotImplemented
        later = self.checked_add(other)
        if later is None:
            raise Panic("overflow when adding duration to instant")
        return later

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
