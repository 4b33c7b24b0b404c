from __future__ import annotations

import pytest

from primitives import Panic
from primitives.time import Duration, Instant


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (Duration.from_millis(10), "10ms"),
        (Duration.from_millis(1500), "1.5s"),
        (Duration.from_micros(250), "250µs"),
        (Duration.from_nanos(0), "0ns"),
        (Duration.from_nanos(7), "7ns"),
        (Duration.from_secs(3), "3s"),
        (Duration.from_nanos(1_000_000_001), "1.000000001s"),
        (Duration.from_nanos(1_500), "1.5µs"),
        (Duration.from_nanos(2_000_100), "2.0001ms"),
        (Duration(1, 5), "1.000000005s"),
        (Duration(0, 2_000_000_000), "2s"),
    ],
)
def test_debug_repr_matches_rust(duration: Duration, text: str) -> None:
    assert repr(duration) == text
    assert str(duration) == text


def test_conversions() -> None:
    d = Duration.from_millis(1_234)
    assert d.as_secs() == 1
    assert d.as_millis() == 1_234
    assert d.as_micros() == 1_234_000
    assert d.as_nanos() == 1_234_000_000
    assert d.as_secs_f64() == pytest.approx(1.234)
    assert d.subsec_millis() == 234
    assert d.subsec_micros() == 234_000
    assert d.subsec_nanos() == 234_000_000
    assert not d.is_zero()
    assert Duration.ZERO.is_zero()
    assert not Duration.ZERO
    assert Duration.from_secs_f64(0.25) == Duration.from_millis(250)


def test_arithmetic_and_comparison() -> None:
    a, b = Duration.from_millis(10), Duration.from_millis(4)
    assert a + b == Duration.from_millis(14)
    assert a - b == Duration.from_millis(6)
    assert a * 3 == Duration.from_millis(30)
    assert 3 * a == Duration.from_millis(30)
    assert a / 2 == Duration.from_millis(5)
    assert b < a
    assert a > b
    assert a >= a
    assert b <= a
    assert a != b
    assert hash(Duration.from_millis(1)) == hash(Duration.from_micros(1000))
    assert a.checked_sub(b) == Duration.from_millis(6)
    assert b.checked_sub(a) is None
    assert b.saturating_sub(a) == Duration.ZERO
    assert Duration.from_secs(10**12) < Duration.MAX


def test_failures() -> None:
    with pytest.raises(Panic, match="overflow when subtracting durations"):
        Duration.from_millis(1) - Duration.from_millis(2)
    with pytest.raises(Panic, match="divide by zero"):
        Duration.from_millis(1) / 0
    with pytest.raises(ValueError, match="negative"):
        Duration.from_secs(-1)
    with pytest.raises(TypeError):
        Duration.from_millis(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Duration.from_secs(True)
    with pytest.raises(Panic, match="value is negative"):
        Duration.from_secs_f64(-1.0)
    with pytest.raises(Panic, match="too big or NaN"):
        Duration.from_secs_f64(float("nan"))
    with pytest.raises(Panic, match="too big or NaN"):
        Duration.from_secs_f64(float("inf"))


def test_unsupported_operands() -> None:
    d = Duration.from_millis(1)
    assert d.__add__(1) is NotImplemented  # type: ignore[operator]
    assert d.__sub__(1) is NotImplemented  # type: ignore[operator]
    assert d.__mul__(1.5) is NotImplemented  # type: ignore[operator]
    assert d.__truediv__(1.5) is NotImplemented  # type: ignore[operator]
    assert d.__lt__(1) is NotImplemented  # type: ignore[operator]
    assert d != 1
    with pytest.raises(TypeError):
        d < 1  # type: ignore[operator]  # noqa: B015


def test_instant() -> None:
    start = Instant.now()
    later = start + Duration.from_millis(5)
    assert later - start == Duration.from_millis(5)
    assert start - later == Duration.ZERO  # saturates, like Rust
    assert later.duration_since(start) == Duration.from_millis(5)
    assert start < later
    assert start <= start
    assert start == start
    assert start.elapsed() >= Duration.ZERO
    assert hash(start) == hash(start + Duration.ZERO)
    assert repr(start).startswith("Instant { tv_sec: ")
    assert start.__add__(1) is NotImplemented  # type: ignore[operator]
    assert start.__sub__(1) is NotImplemented  # type: ignore[operator]
    assert start.__lt__(1) is NotImplemented  # type: ignore[operator]
    assert start != 1
    assert Instant() >= start
