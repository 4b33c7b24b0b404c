from __future__ import annotations

import pytest

from primitives import UseAfterDropError, drop


def test_drop_accepts_anything() -> None:
    drop(5)
    drop([1, 2])
    drop(None)


def test_use_after_drop_error_is_runtime_error() -> None:
    assert issubclass(UseAfterDropError, RuntimeError)
    assert UseAfterDropError.__module__ == "primitives"
    with pytest.raises(RuntimeError):
        raise UseAfterDropError("x")
