"""Expected outputs, and how an actual output is compared with one.

An output is either text written in a page or a file under ``snippets/`` that a page
includes. A file named ``output.unordered.txt`` holds lines whose order varies between
runs; it is compared as a multiset of lines. Everything else is compared line by line.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"
UNORDERED_NAME = "output.unordered.txt"


@dataclass(frozen=True)
class Expected:
    """What some code must print, and where that expectation is written."""

    text: str
    source: str
    unordered: bool = False

    def mismatch(self, actual: str) -> str | None:
        """Describe how ``actual`` differs from this expectation, or ``None``."""
        want = _normalise(self.text)
        got = _normalise(actual)
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
        first = next(
            (i for i, (w, g) in enumerate(zip(want, got, strict=False)) if w != g),
            min(len(want), len(got)),
        )
        diff = difflib.unified_diff(
            want,
            got,
            fromfile=f"expected ({self.source})",
            tofile="actual",
            lineterm="",
        )
        return (
            f"output differs from {self.source} at output line {first + 1}\n"
            + "\n".join(diff)
        )


def _normalise(text: str) -> list[str]:
    return (
        [line.rstrip() for line in text.rstrip("\n").splitlines()]
        if text.strip()
        else []
    )


def from_snippet_file(relative: str) -> Expected:
    """The expectation stored in ``snippets/<relative>``; a missing file is an error."""
    path = SNIPPETS / relative
    if not path.is_file():
        raise FileNotFoundError(f"snippets/{relative} does not exist")
    return Expected(
        path.read_text(encoding="utf-8"),
        f"snippets/{relative}",
        unordered=path.name == UNORDERED_NAME,
    )
