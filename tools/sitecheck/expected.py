"""Expected outputs, and how an actual output is compared with one.

An output is either text written in a page or a file under ``snippets/`` that a page
includes. A file named ``output.unordered.txt`` holds lines whose order varies between
runs; it is compared as a multiset of lines. A file named ``output.counts.txt`` holds
lines whose numbers vary between runs (how often a race went one way): it is compared
line by line, with each number in it standing for any number, so the text around the
numbers is checked and the listing itself asserts what its numbers must satisfy.
Everything else is compared line by line.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"
UNORDERED_NAME = "output.unordered.txt"
COUNTS_NAME = "output.counts.txt"
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Expected:
    """What some code must print, and where that expectation is written."""

    text: str
    source: str
    unordered: bool = False
    counts_vary: bool = False

    def mismatch(self, actual: str) -> str | None:
        """Describe how ``actual`` differs from this expectation, or ``None``."""
        want = _normalise(self.text)
        got = _normalise(actual)
        if self.counts_vary:
            shape = [_NUMBER.sub("<number>", line) for line in want]
            if shape == [_NUMBER.sub("<number>", line) for line in got]:
                return None
            return _diff(
                want, got, f"{self.source} (each number stands for any number)"
            )
        if self.unordered:
            missing = Counter(want) - Counter(got)
            extra = Counter(got) - Counter(want)
            if not missing and not extra:
                return None
            parts = [f"output differs from {self.source} (compared as unordered lines)"]
            parts += [f"  missing: {line!r}" for line in missing.elements()]
            parts += [f"  unexpected: {line!r}" for line in extra.elements()]
            return "\n".join(parts)
        if want == got:
            return None
        return _diff(want, got, self.source)


def _diff(want: list[str], got: list[str], source: str) -> str:
    first = next(
        (i for i, (w, g) in enumerate(zip(want, got, strict=False)) if w != g),
        min(len(want), len(got)),
    )
    diff = difflib.unified_diff(
        want, got, fromfile=f"expected ({source})", tofile="actual", lineterm=""
    )
    return f"output differs from {source} at output line {first + 1}\n" + "\n".join(
        diff
    )


def _normalise(text: str) -> list[str]:
    return (
        [line.rstrip() for line in text.rstrip("\n").splitlines()]
        if text.strip()
        else []
    )


def from_file(path: Path, source: str) -> Expected:
    """The expectation stored in ``path``, compared as its name says."""
    return Expected(
        path.read_text(encoding="utf-8"),
        source,
        unordered=path.name == UNORDERED_NAME,
        counts_vary=path.name == COUNTS_NAME,
    )


def from_snippet_file(relative: str) -> Expected:
    """The expectation stored in ``snippets/<relative>``; a missing file is an error."""
    path = SNIPPETS / relative
    if not path.is_file():
        raise FileNotFoundError(f"snippets/{relative} does not exist")
    return from_file(path, f"snippets/{relative}")
