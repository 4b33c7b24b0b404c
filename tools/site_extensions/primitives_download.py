"""Point readers at the `primitives` wheel, and tell them how to run the examples.

- The placeholder `PRIMITIVES_WHEEL` becomes the wheel's address relative to the page
  (`downloads/primitives-0.1.0-py3-none-any.whl`, with `../` per folder level). The
  name comes from pyproject.toml; the file itself is built by `site_extensions.wheel`
  (a Markdown extension renders, it cannot add a file to the site).
- Every page with a Python fence, except `running.md` and `api.md`, gets a tip under
  its first heading: where to install `primitives`, and that Rust listings open in
  the Playground.

The page comes from the tool (`site_extensions.page_path`); Markdown run on its own
renders as a page at the top of `docs/`. Docstrings that mkdocstrings renders inside
a page get no tip.

In mkdocs.yml: `- site_extensions.primitives_download` under `markdown_extensions:`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_extensions import page_path, renders_a_docstring
from site_extensions.wheel import wheel_uri
from sitecheck.fences import iter_fences

PLACEHOLDER = "PRIMITIVES_WHEEL"
NOTE_FREE_PAGES = {"running.md", "api.md"}
#: After the Playground links (60), before pymdownx.snippets (32).
PRIORITY = 55
_FIRST_HEADING = re.compile(r"^# .*$", re.M)


def running_note(page: str) -> str:
    """The tip, with links relative to `page` (a path relative to `docs/`)."""
    up = "../" * page.count("/")
    return (
        '!!! tip "Run the examples yourself"\n\n'
        f"    The Python snippets run on `primitives` ([install it]({up}running.md); "
        f"[API reference]({up}api.md)): save a snippet as a file and run it with "
        "`python3`. Each Rust listing has a link that opens it whole in the Rust "
        "Playground.\n"
    )


def render(markdown: str, page: str, *, tip: bool = True) -> str:
    """`page`'s Markdown with the wheel's address and, where it belongs, the tip."""
    markdown = markdown.replace(PLACEHOLDER, "../" * page.count("/") + wheel_uri())
    if (
        tip
        and page not in NOTE_FREE_PAGES
        and any(fence.is_run for fence in iter_fences(Path("docs", page), markdown))
    ):
        heading = _FIRST_HEADING.search(markdown)
        at = heading.end() if heading else 0
        markdown = f"{markdown[:at]}\n\n{running_note(page)}\n{markdown[at:]}"
    return markdown


class PrimitivesDownloadPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        page = page_path(self.md) or ""
        tip = not renders_a_docstring(self.md)
        return render("\n".join(lines), page, tip=tip).split("\n")


class PrimitivesDownloadExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(
            PrimitivesDownloadPreprocessor(md), "primitives_download", PRIORITY
        )


def makeExtension(**kwargs: Any) -> PrimitivesDownloadExtension:
    return PrimitivesDownloadExtension(**kwargs)
