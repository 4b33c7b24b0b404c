from __future__ import annotations

import pytest

from primitives import Err, Ok, Panic


def test_ok_methods() -> None:
    r = Ok(10)
    assert r.is_ok()
    assert not r.is_err()
    assert r.ok() == 10
    assert r.err() is None
    assert r.unwrap() == 10
    assert r.expect("never shown") == 10
    assert r.unwrap_or(0) == 10
    assert r.unwrap_or_else(lambda e: 0) == 10
    assert repr(r) == "Ok(10)"


def test_err_methods() -> None:
    r = Err("boom")
    assert r.is_err()
    assert not r.is_ok()
    assert r.ok() is None
    assert r.err() == "boom"
    assert r.unwrap_err() == "boom"
    assert r.expect_err("never") == "boom"
    assert r.unwrap_or(5) == 5
    assert r.unwrap_or_else(len) == 4
    assert repr(r) == "Err('boom')"


def test_unwrap_on_err_panics_with_rust_message() -> None:
    with pytest.raises(Panic) as info:
        Err("RecvError-ish").unwrap()
    assert str(info.value) == (
        "called `Result::unwrap()` on an `Err` value: 'RecvError-ish'"
    )


def test_expect_on_err_panics_with_message() -> None:
    with pytest.raises(Panic, match=r"^failed: 3$"):
        Err(3).expect("failed")


def test_unwrap_err_on_ok_panics() -> None:
    with pytest.raises(Panic) as info:
        Ok(3).unwrap_err()
    assert str(info.value) == "called `Result::unwrap_err()` on an `Ok` value: 3"
    with pytest.raises(Panic, match=r"^wanted an error: 3$"):
        Ok(3).expect_err("wanted an error")


def test_equality_and_hash() -> None:
    assert Ok(1) == Ok(1)
    assert Ok(1) != Ok(2)
    assert Ok(1) != Err(1)
    assert Err("a") == Err("a")
    assert Err("a") != Ok("a")
    assert len({Ok(1), Ok(1), Err(1)}) == 2


def test_match_support() -> None:
    def classify(r: Ok[int] | Err[str]) -> str:
        match r:
            case Ok(v):
                return f"ok {v}"
            case Err("special"):
                return "special error"
            case Err(e):
                return f"err {e}"
        return "unreachable"  # pragma: no cover

    assert classify(Ok(1)) == "ok 1"
    assert classify(Err("special")) == "special error"
    assert classify(Err("x")) == "err x"


def test_panic_is_an_exception_in_primitives() -> None:
    assert issubclass(Panic, Exception)
    assert Panic.__module__ == "primitives"
