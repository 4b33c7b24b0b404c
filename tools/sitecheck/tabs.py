"""Which content tab (pymdown's ``=== "Label"``) a fence sits in, if any.

A lesson pair's Python half can hold two tabs, the standard library and
``primitives``, one script in each. Both print what the pair's output fence shows,
so the output fence after the tab set belongs to every script in it; a tab may also
hold an output fence of its own, for a script whose output differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER = re.compile(r'^(?P<indent>[ \t]*)===[+!]*[ \t]+"(?P<label>[^"]*)"')


@dataclass(frozen=True)
class Tab:
    """One tab: the line of its set's first header, its own header line, its label."""

    set_line: int
    header_line: int
    label: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _header(line: str) -> re.Match[str] | None:
    return _HEADER.match(line.expandtabs(4))


def tab_of(lines: list[str], line: int) -> Tab | None:
    """The tab that directly holds the 1-based ``line``, or ``None``.

    The holder is the nearest line above that is indented less than ``line``; the
    fence is in a tab only when that line is a tab header (a fence under an
    admonition inside a tab is not directly in the tab).
    """
    depth = _indent(lines[line - 1].expandtabs(4))
    for above in range(line - 1, 0, -1):
        text = lines[above - 1].expandtabs(4)
        if not text.strip() or _indent(text) >= depth:
            continue
        header = _header(text)
        if header is None:
            return None
        return Tab(_set_start(lines, above), above, header["label"])
    return None


def _set_start(lines: list[str], header_line: int) -> int:
    """The header line of the first tab in the set that ``header_line`` belongs to."""
    depth = _indent(lines[header_line - 1].expandtabs(4))
    start = header_line
    for above in range(header_line - 1, 0, -1):
        text = lines[above - 1].expandtabs(4)
        if not text.strip() or _indent(text) > depth:
            continue
        if _indent(text) == depth and _header(text):
            start = above
            continue
        break
    return start


def tab_labels(lines: list[str], set_line: int) -> list[str]:
    """The labels of the tab set whose first header is on ``set_line``, in order."""
    depth = _indent(lines[set_line - 1].expandtabs(4))
    labels = []
    for text in (line.expandtabs(4) for line in lines[set_line - 1 :]):
        if not text.strip() or _indent(text) > depth:
            continue
        header = _header(text)
        if _indent(text) < depth or header is None:
            break
        labels.append(header["label"])
    return labels
