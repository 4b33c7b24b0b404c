"""Give every Rust fence that shows a runnable listing a Rust Playground link.

A page shows only a section of a listing; the link opens the whole file (section
markers removed) in the Rust Playground, so what runs there is what the checks ran.
A listing is runnable when the fence includes it from `snippets/src/bin` with
pymdownx.snippets (`--8<-- "src/bin/NAME/main.rs:SECTION"`); compile-fail listings
live elsewhere and get no link.

In mkdocs.yml: `- site_extensions.playground` under `markdown_extensions:`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_extensions import ROOT, page_path
from sitecheck.fences import iter_fences

SNIPPETS = ROOT / "snippets"
PLAYGROUND = "https://play.rust-lang.org/?version=stable&mode=debug&edition=2024&code="
#: Crates the listings may use: the Playground builds every program with these (among
#: the most downloaded crates it carries), so a listing that uses one runs there as is.
PLAYGROUND_CRATES = frozenset({"crossbeam", "parking_lot", "rayon", "tokio"})
#: Before pymdownx.snippets (32), which would replace the include lines this reads.
PRIORITY = 60
_LISTING = re.compile(
    r"""-{1,}8<-{1,}\s+["']src/bin/(?P<name>[\w-]+)/main\.rs(?::[\w-]+)?["']"""
)
_SECTION_MARKER = re.compile(r"^\s*//\s*-{1,}8<-{1,}\s*\[(?:start|end):[\w-]+\]\s*$")


def full_listing(name: str, snippets: Path = SNIPPETS) -> str:
    """The listing's source as a reader would paste it: section markers removed."""
    source = (snippets / "src" / "bin" / name / "main.rs").read_text(encoding="utf-8")
    kept = [line for line in source.splitlines() if not _SECTION_MARKER.match(line)]
    return "\n".join(kept) + "\n"


def playground_url(name: str, snippets: Path = SNIPPETS) -> str:
    return PLAYGROUND + quote(full_listing(name, snippets), safe="")


def add_links(
    lines: list[str], snippets: Path = SNIPPETS, page: str | None = None
) -> list[str]:
    """The page's lines with a link paragraph after each runnable Rust fence.

    Fences are found by the lexer the page checks use (``sitecheck.fences``), so an
    unclosed fence fails here as it fails there, naming ``page`` and the line.
    """
    links: dict[int, str] = {}
    where = Path("docs", page) if page else Path("<markdown>")
    for fence in iter_fences(where, "\n".join(lines) + "\n"):
        if fence.language != "rust":
            continue
        found = map(_LISTING.search, fence.body.splitlines())
        listing = next(filter(None, found), None)
        if listing:
            links[fence.end_line] = (
                f"{fence.indent}[Run the whole listing in the Rust Playground]"
                f"({playground_url(listing['name'], snippets)})"
                '{ .playground-link target="_blank" rel="noopener" }'
            )
    result: list[str] = []
    for number, line in enumerate(lines, start=1):
        result.append(line)
        if number in links:
            result += ["", links[number], ""]
    return result


class PlaygroundPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, snippets: Path) -> None:
        super().__init__(md)
        self.snippets = snippets

    def run(self, lines: list[str]) -> list[str]:
        return add_links(lines, self.snippets, page_path(self.md))


class PlaygroundExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "snippets": [
                str(SNIPPETS),
                "The Cargo package holding src/bin/NAME/main.rs",
            ]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        snippets = Path(self.getConfig("snippets"))
        md.preprocessors.register(
            PlaygroundPreprocessor(md, snippets), "playground_links", PRIORITY
        )


def makeExtension(**kwargs: Any) -> PlaygroundExtension:
    return PlaygroundExtension(**kwargs)
