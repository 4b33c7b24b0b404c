"""MkDocs hook: build the `primitives` wheel into `docs/downloads/` before each build.

Everything else the site adds to its pages is a Markdown extension in
`tools/site_extensions/`, listed under `markdown_extensions:` in mkdocs.yml, which
Zensical runs too. Putting a file into the site is not Markdown rendering: an
extension runs while pages render, after both tools have listed the files in
`docs/`. So MkDocs builds the wheel here, in `on_pre_build` (before it lists them),
and `nox -s zensical` runs `python -m site_extensions.wheel` before `zensical build`,
which has no such event. Both then copy the same `docs/downloads/` file; the pages
link to it through `site_extensions.primitives_download`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from site_extensions.wheel import ensure_wheel


def on_pre_build(config: MkDocsConfig) -> None:
    ensure_wheel(Path(config.docs_dir))
