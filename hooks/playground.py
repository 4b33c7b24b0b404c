"""MkDocs hook: give every Rust fence that shows a runnable listing a Playground link.

A page shows only a section of a listing; the link opens the whole file (section
markers removed) in the Rust Playground, so what runs there is what the checks ran.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
PLAYGROUND = "https://play.rust-lang.org/?version=stable&mode=debug&edition=2024&code="
_OPENER = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?rust\b")
_LISTING = re.compile(
    r"""-{1,}8<-{1,}\s+["']src/bin/(?P<name>[\w-]+)/main\.rs(?::[\w-]+)?["']"""
)
_SECTION_MARKER = re.compile(r"^\s*//\s*-{1,}8<-{1,}\s*\[(?:start|end):[\w-]+\]\s*$")


def full_listing(name: str) -> str:
    """The listing's source as a reader would paste it: section markers removed."""
    source = (SNIPPETS / "src" / "bin" / name / "main.rs").read_text(encoding="utf-8")
    kept = [line for line in source.splitlines() if not _SECTION_MARKER.match(line)]
    return "\n".join(kept) + "\n"


def playground_url(name: str) -> str:
    return PLAYGROUND + quote(full_listing(name), safe="")


def add_links(markdown: str) -> str:
    lines = markdown.split("\n")
    result: list[str] = []
    index = 0
    while index < len(lines):
        opener = _OPENER.match(lines[index])
        if not opener:
            result.append(lines[index])
            index += 1
            continue
        fence = opener["fence"]
        end = index + 1
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        block = lines[index : end + 1]
        result.extend(block)
        listing = next(filter(None, map(_LISTING.search, block)), None)
        if listing:
            indent = opener["indent"]
            result += [
                "",
                f"{indent}[Run the whole listing in the Rust Playground]"
                f"({playground_url(listing['name'])})"
                '{ .playground-link target="_blank" rel="noopener" }',
                "",
            ]
        index = end + 1
    return "\n".join(result)


def on_page_markdown(markdown: str, **_: object) -> str:
    return add_links(markdown)
