"""The site's pages as the checks see them: their fences and what they include."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .expected import ROOT
from .fences import Fence, Include, iter_fences

DOCS = ROOT / "docs"
COMPILE_FAIL_TITLE = "Does not compile (on purpose)"
_ADMONITION = re.compile(
    r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)\s+(?P<kind>\w+)(?:\s+\"(?P<title>[^\"]*)\")?"
)
_PYTHON_OPENER = re.compile(
    r"^\s*(?:`{3,}|~{3,})\s*\{?\s*\.?(?:python3?|py|pycon)\b", re.I
)


@dataclass(frozen=True)
class PlacedInclude:
    fence: Fence
    include: Include


def pages() -> list[Path]:
    return sorted(path.relative_to(ROOT) for path in DOCS.rglob("*.md"))


def fences_of(page: Path) -> list[Fence]:
    """Every fence of a page given relative to the repository root."""
    return list(iter_fences(page, (ROOT / page).read_text(encoding="utf-8")))


def includes_of(page: Path) -> list[PlacedInclude]:
    return [
        PlacedInclude(fence, include)
        for fence in fences_of(page)
        for include in fence.includes
    ]


def count_python_openers(page: Path) -> list[int]:
    """Lines that open a Python fence or a ``pycon`` session, by a plain pattern match.

    This is deliberately independent of the fence lexer: it is what the lexer's
    result is checked against.
    """
    text = (ROOT / page).read_text(encoding="utf-8")
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if _PYTHON_OPENER.match(line)
    ]


def enclosing_admonition(page: Path, fence: Fence) -> tuple[str, str] | None:
    """The (kind, title) of the admonition a fence is indented under, if any."""
    lines = (ROOT / page).read_text(encoding="utf-8").splitlines()
    depth = len(fence.indent.expandtabs(4))
    for line in reversed(lines[: fence.line - 1]):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent < depth:
            match = _ADMONITION.match(line)
            if match:
                return match["kind"], match["title"] or ""
            return None
    return None
