"""Bounded waiting helpers for the primitives tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

WAIT = 5.0  # seconds: far more than any test needs, far less than the timeout


def wait_until(condition: Callable[[], bool], timeout: float = WAIT) -> bool:
    """Poll `condition` (test code only) until true or until `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.001)
    return condition()


def join(handle: Any, timeout: float = WAIT) -> Any:
    """Join a JoinHandle, failing the test instead of hanging."""
    assert wait_until(handle.is_finished, timeout), "thread did not finish in time"
    return handle.join()


def run_in_thread(f: Callable[[], Any], timeout: float = WAIT) -> threading.Thread:
    """Start a plain daemon thread (not a primitives one) and return it."""
    t = threading.Thread(target=f, daemon=True)
    t.start()
    return t
