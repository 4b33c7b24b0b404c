"""Find fenced code blocks in the site's Markdown, wherever they are indented.

Material's content tabs, grids and admonitions indent their fences, and pymdown's
SuperFences accepts attributes after the language (``python title="Python"``) or in
braces (``{ .python title="Python" }``). This lexer reads all of those, so no fence
is skipped because of where it sits or what follows its language name.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

_OPENER = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$"
)
INCLUDE = re.compile(
    r"""^[ \t]*-{1,}8<-{1,}[ \t]+(?P<quote>["'])(?P<target>.+?)(?P=quote)[ \t]*$"""
)

#: An include starting with this names a file of the Rust exercises, from the
#: repository root; every other include is relative to ``snippets/``.
EXERCISES_PREFIX = "exercises/"
#: Likewise for a file of the loom models' package, ``loom/``.
LOOM_PREFIX = "loom/"
#: Likewise from the root: the source of the Python extension in bridge/.
BRIDGE_PREFIX = "bridge/src/"

PYTHON_LANGUAGES = frozenset({"python", "py", "python3"})
SESSION_LANGUAGES = frozenset({"pycon"})


def include_path(target: str, snippets: Path) -> Path:
    """The file an include's target names (``snippets`` is the listings' folder)."""
    if target.startswith((EXERCISES_PREFIX, LOOM_PREFIX, BRIDGE_PREFIX)):
        return snippets.parent / target
    return snippets / target


class FenceError(ValueError):
    """A fence the lexer cannot read; the message names the page and line."""


@dataclass(frozen=True)
class Include:
    """One ``--8<-- "file[:section]"`` line: a file under ``snippets/``."""

    path: str
    section: str | None
    line: int


@dataclass(frozen=True)
class Fence:
    """A fenced code block: where it is, its language and attributes, its body."""

    page: Path
    line: int
    end_line: int
    start: int
    end: int
    indent: str
    language: str
    attributes: dict[str, str] = field(default_factory=dict)
    body: str = ""
    body_line: int = 0

    @property
    def title(self) -> str:
        return self.attributes.get("title", "")

    @property
    def is_python(self) -> bool:
        return self.language in PYTHON_LANGUAGES

    @property
    def is_session(self) -> bool:
        """An interpreter session: ``pycon``, or Python starting at a ``>>>`` prompt."""
        return self.language in SESSION_LANGUAGES or (
            self.is_python and self.body.lstrip().startswith(">>>")
        )

    @property
    def is_run(self) -> bool:
        """Whether the page check runs this fence's code (script or session)."""
        return self.is_python or self.language in SESSION_LANGUAGES

    @property
    def is_output(self) -> bool:
        return self.language == "text" and self.title.startswith("Output")

    @property
    def includes(self) -> list[Include]:
        found = []
        for offset, text in enumerate(self.body.splitlines()):
            match = INCLUDE.match(text)
            if match:
                target, _, section = match["target"].partition(":")
                found.append(Include(target, section or None, self.body_line + offset))
        return found

    def where(self) -> str:
        return f"{self.page}, line {self.line}"


def parse_info(info: str) -> tuple[str, dict[str, str]]:
    """Split an info string into its language and ``key="value"`` attributes."""
    info = info.strip()
    if info.startswith("{") and info.endswith("}"):
        info = info[1:-1].strip()
    try:
        words = shlex.split(info)
    except ValueError as error:
        raise ValueError(f"cannot read fence info {info!r}: {error}") from None
    language = ""
    attributes: dict[str, str] = {}
    for word in words:
        key, equals, value = word.partition("=")
        if equals:
            attributes[key] = value
        elif not language:
            language = word.removeprefix(".")
        else:
            attributes[word.removeprefix(".")] = ""
    return language.lower(), attributes


def iter_fences(page: Path, text: str) -> Iterator[Fence]:
    """Yield every fenced block of ``text`` in order, nested ones excluded."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    index = 0
    while index < len(lines):
        opener = _OPENER.match(lines[index].rstrip("\r\n"))
        if not opener or (opener["fence"][0] == "`" and "`" in opener["info"]):
            index += 1
            continue
        indent, fence = opener["indent"], opener["fence"]
        try:
            language, attributes = parse_info(opener["info"])
        except ValueError as error:
            raise FenceError(f"{page}, line {index + 1}: {error}") from None
        margin = len(indent) + 3
        mark = re.escape(fence[0])
        closer = re.compile(rf"^[ \t]{{0,{margin}}}{mark}{{{len(fence)},}}[ \t]*$")
        body: list[str] = []
        end = index + 1
        while end < len(lines) and not closer.match(lines[end].rstrip("\r\n")):
            content = lines[end]
            if content.strip() and not content.startswith(indent):
                raise FenceError(
                    f"{page}, line {end + 1}: this line is indented less than the "
                    f"fence opened on line {index + 1}"
                )
            body.append(content[len(indent) :] if content.strip() else "\n")
            end += 1
        if end == len(lines):
            raise FenceError(f"{page}, line {index + 1}: fence is never closed")
        yield Fence(
            page=page,
            line=index + 1,
            end_line=end + 1,
            start=offsets[index],
            end=offsets[end + 1],
            indent=indent,
            language=language,
            attributes=attributes,
            body="".join(body),
            body_line=index + 2,
        )
        index = end + 1
