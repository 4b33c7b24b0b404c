"""Uplink frames checksummed in pure Python and by the Rust extension in bridge/.

The same batch of frames is split between 1 and 2 threads (worker `i` of `n`
takes frames `i`, `i + n`, ...) three ways: the checksum written in Python,
the extension's `batch_checksum` (which releases the GIL while it works), and
the extension told to keep the GIL. Every run checks its sum against the
pure-Python sum, so a run that skipped work fails. The extension must be
installed (`nox -s bench` builds it); the pure-Python batch is smaller,
because Python takes tens of times longer per byte.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial

from common import Case, Settings, measure, timed_threads
from uplink_checksum import batch_checksum

GROUP = "bridge"
UNIT = "ns per byte"
FRAMES = 64
PYTHON_FRAME_BYTES = 2_048
EXTENSION_FRAME_BYTES = 65_536
THREADS = (1, 2)


def python_checksum(frame: bytes) -> int:
    """The extension's frame checksum, in Python."""
    low = high = 0
    for byte in frame:
        low = (low + byte) % 65_535
        high = (high + low) % 65_535
    return (high << 16) | low


def python_batch(frames: list[bytes]) -> int:
    return sum(map(python_checksum, frames)) % 2**32


def on_threads(
    threads: int,
    checksum: Callable[[list[bytes]], int],
    frames: list[bytes],
    total: int,
) -> float:
    elapsed, sums = timed_threads(threads, lambda i: checksum(frames[i::threads]))
    if sum(sums) % 2**32 != total:
        raise AssertionError(f"checksum {sum(sums) % 2**32}, expected {total}")
    return elapsed


def batch(frame_bytes: int) -> list[bytes]:
    generator = random.Random(frame_bytes)
    return [generator.randbytes(frame_bytes) for _ in range(FRAMES)]


def run(settings: Settings) -> list[Case]:
    small = batch(settings.scaled(PYTHON_FRAME_BYTES))
    large = batch(settings.scaled(EXTENSION_FRAME_BYTES))
    ways = [
        ("python_pure", "pure Python", python_batch, small),
        ("python_extension", "Rust extension, GIL released", batch_checksum, large),
        (
            "python_extension_gil_held",
            "Rust extension, GIL held",
            partial(batch_checksum, release_gil=False),
            large,
        ),
    ]
    cases = [
        Case(
            group=GROUP,
            id=f"{series}_{threads}",
            series=series,
            label=label,
            threads=threads,
            unit=UNIT,
            ops=sum(map(len, frames)),
            run=partial(on_threads, threads, checksum, frames, python_batch(frames)),
        )
        for series, label, checksum, frames in ways
        for threads in THREADS
    ]
    return measure(settings, cases)
