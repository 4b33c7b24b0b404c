"""Refuse a page whose snippet include names a missing file or section.

pymdownx.snippets fails the build on a missing file or section too, but its message
names neither the page nor the line. This preprocessor runs first and says both:
``docs/threads.md, line 34: snippets/src/bin/NAME/main.rs has no section `spawn```.
It reads every ``--8<-- "FILE[:SECTION]"`` line of the page, in a fence or not, with
the pattern of the page checks (``sitecheck.fences``).

In mkdocs.yml: `- site_extensions.includes` under `markdown_extensions:`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_extensions import ROOT, page_path
from sitecheck.fences import INCLUDE, include_path

SNIPPETS = ROOT / "snippets"
#: Before the Playground links (60), which read the listings the includes name.
PRIORITY = 65


class IncludeError(ValueError):
    """An include names a file or a section that does not exist."""


def check_includes(lines: list[str], page: str, snippets: Path = SNIPPETS) -> None:
    """Raise ``IncludeError`` for the first include that names nothing."""
    for number, line in enumerate(lines, start=1):
        match = INCLUDE.match(line)
        if not match:
            continue
        target, _, section = match["target"].partition(":")
        where = f"docs/{page}, line {number}"
        path = include_path(target, snippets)
        shown = path.relative_to(snippets.parent).as_posix()
        if not path.is_file():
            raise IncludeError(f"{where}: {shown} does not exist")
        if section and f"[start:{section}]" not in path.read_text(encoding="utf-8"):
            raise IncludeError(
                f"{where}: {shown} has no section `{section}` (mark it "
                f"with `// --8<-- [start:{section}]` ... `[end:{section}]`)"
            )


class IncludesPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, snippets: Path) -> None:
        super().__init__(md)
        self.snippets = snippets

    def run(self, lines: list[str]) -> list[str]:
        check_includes(lines, page_path(self.md) or "<markdown>", self.snippets)
        return lines


class IncludesExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "snippets": [str(SNIPPETS), "The folder pymdownx.snippets reads from"]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        snippets = Path(self.getConfig("snippets"))
        md.preprocessors.register(
            IncludesPreprocessor(md, snippets), "include_check", PRIORITY
        )


def makeExtension(**kwargs: Any) -> IncludesExtension:
    return IncludesExtension(**kwargs)
