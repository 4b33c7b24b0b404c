"""The Rust extension in bridge/ (module `uplink_checksum`), tested from Python.

It agrees with a pure-Python checksum on many inputs, it lets other Python
threads run while it works (and does not when told to keep the GIL), and it
refuses anything but `bytes` with a TypeError that names the culprit.
"""

from __future__ import annotations

import math
import sys
import threading
import time
from array import array
from bisect import bisect_left, bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from uplink_checksum import batch_checksum, frame_checksum

MODULUS = 65_535
#: No thread in these tests may run longer than this.
TIMEOUT = 30.0


def expected_checksum(frame: bytes) -> int:
    """The checksum in closed form, independent of the running sums it is
    defined by: `low` is the sum of the bytes and `high` the sum of the running
    sums, in which byte `i` of `n` appears `n - i` times."""
    low = sum(frame) % MODULUS
    high = sum((len(frame) - i) * byte for i, byte in enumerate(frame)) % MODULUS
    return (high << 16) | low


def expected_batch(frames: list[bytes]) -> int:
    return sum(map(expected_checksum, frames)) % 2**32


#: No limit on an example's time: a loaded machine must not fail a property.
PROPERTY = settings(deadline=None)


@PROPERTY
@given(st.binary(max_size=2_000))
def test_one_frame_matches_python(frame: bytes) -> None:
    assert frame_checksum(frame) == expected_checksum(frame)


@PROPERTY
@given(st.lists(st.binary(max_size=500), max_size=30), st.booleans())
def test_a_batch_matches_python(frames: list[bytes], release_gil: bool) -> None:
    assert batch_checksum(frames, release_gil=release_gil) == expected_batch(frames)


def test_running_sums_wrap_at_the_modulus() -> None:
    frame = b"\xff" * 100_000
    assert frame_checksum(frame) == expected_checksum(frame)
    assert frame_checksum(frame) > 2**16  # `high` is in use


def test_the_batch_sum_wraps_at_two_to_the_32() -> None:
    frame = b"\xff" * 100_000
    frames = [frame] * 3
    assert sum(map(expected_checksum, frames)) >= 2**32  # so it must wrap
    assert batch_checksum(frames) == expected_batch(frames)


def test_an_empty_batch_and_an_empty_frame_sum_to_zero() -> None:
    assert batch_checksum([]) == 0
    assert batch_checksum([b""]) == 0
    assert frame_checksum(b"") == 0


def test_a_tuple_of_frames_is_a_batch_too() -> None:
    assert batch_checksum((b"SAT-07", b"SAT-12")) == expected_batch(
        [b"SAT-07", b"SAT-12"]
    )


@pytest.mark.parametrize(
    ("frames", "message"),
    [
        ([b"ok", "no"], "frames[1] is str, not bytes"),
        ([bytearray(b"mutable")], "frames[0] is bytearray, not bytes"),
        ([b"ok", b"ok", 7], "frames[2] is int, not bytes"),
        ([memoryview(b"view")], "frames[0] is memoryview, not bytes"),
        ("a string is not a batch", "Can't extract `str` to `Vec`"),
        (None, "'None' is not an instance of 'Sequence'"),
    ],
)
def test_a_batch_of_anything_but_bytes_is_refused(frames: object, message: str) -> None:
    with pytest.raises(TypeError) as raised:
        batch_checksum(frames)  # type: ignore[arg-type]
    assert message in str(raised.value)


def test_a_frame_that_is_not_bytes_is_refused() -> None:
    with pytest.raises(TypeError, match="'str' object is not an instance of 'bytes'"):
        frame_checksum("SAT-07")  # type: ignore[arg-type]


FRAME = bytes(range(256)) * (1 << 13)  # 2 MiB
CALLS = 4
#: A call lasts this many switch intervals (sys.getswitchinterval()), the time
#: after which a thread that runs Python code hands the GIL to a waiting one.
CALL_IN_SWITCH_INTERVALS = 40


def long_batch() -> list[bytes]:
    """Copies of FRAME enough for a call to last CALL_IN_SWITCH_INTERVALS."""
    start = time.perf_counter()
    batch_checksum([FRAME])
    once = time.perf_counter() - start
    wanted = CALL_IN_SWITCH_INTERVALS * sys.getswitchinterval()
    return [FRAME] * min(1_000, math.ceil(wanted / once))


def share_of_calls_with_progress(release_gil: bool) -> float:
    """Call `batch_checksum` on a long batch CALLS times on a worker thread while
    this thread keeps reading the clock; return the share of the calls' first
    halves that this thread's readings span, call by call (0: it never ran
    there, 1: it ran from the start of each first half to its end).

    Two stretches are left out because this thread may run in them whether or
    not the extension releases the GIL. Each call's first two switch intervals:
    between reading the clock and entering the extension, the worker may hand
    the GIL over for one. And its second half: after the call returns, the
    worker may wait for a core before it reads the clock again, and meanwhile
    this thread runs; on a busy machine that wait can be long.
    """
    batch = long_batch()
    margin = 2 * sys.getswitchinterval()
    calls: list[tuple[float, float]] = []
    errors: list[BaseException] = []
    finished = threading.Event()

    def call_repeatedly() -> None:
        try:
            for _ in range(CALLS):
                start = time.perf_counter()
                batch_checksum(batch, release_gil=release_gil)
                calls.append((start, time.perf_counter()))
        except BaseException as error:
            errors.append(error)
        finally:
            finished.set()

    ticks = array("d")
    worker = threading.Thread(target=call_repeatedly, daemon=True)
    deadline = time.monotonic() + TIMEOUT
    worker.start()
    while not finished.is_set():
        ticks.append(time.perf_counter())
        if time.monotonic() > deadline:
            raise TimeoutError(f"{CALLS} calls took longer than {TIMEOUT} s")
    worker.join(TIMEOUT)
    assert not worker.is_alive()
    assert not errors, errors
    assert len(calls) == CALLS
    spanned = 0.0
    interiors = [(start + margin, (start + end) / 2) for start, end in calls]
    for start, end in interiors:
        first, last = bisect_right(ticks, start), bisect_left(ticks, end)
        if last - first >= 2:
            spanned += ticks[last - 1] - ticks[first]
    return spanned / sum(end - start for start, end in interiors)


def test_other_threads_run_while_the_gil_is_released() -> None:
    assert share_of_calls_with_progress(release_gil=True) > 0.5


def test_no_other_thread_runs_while_the_gil_is_held() -> None:
    """The control: the same measure, with the GIL held through each call."""
    assert share_of_calls_with_progress(release_gil=False) < 0.2
