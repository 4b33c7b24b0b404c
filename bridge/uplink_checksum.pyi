"""Checksums of uplink frames, computed in Rust (see bridge/src/lib.rs)."""

from collections.abc import Sequence

def batch_checksum(frames: Sequence[bytes], *, release_gil: bool = True) -> int:
    """The checksums of `frames`, added modulo 2**32.

    Releases the GIL while it computes (unless `release_gil` is false), so other
    Python threads run meanwhile. Raises TypeError unless every frame is `bytes`.
    """

def frame_checksum(frame: bytes) -> int:
    """One frame's Fletcher-style checksum; holds the GIL while it computes."""
