"""MkDocs hook: build the `primitives` wheel into `docs/downloads/` before each build.

The one step of the site build that is not a Markdown extension; why, and how
Zensical gets the same file, is in `site_extensions.wheel`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from site_extensions.wheel import ensure_wheel


def on_pre_build(config: MkDocsConfig) -> None:
    ensure_wheel(Path(config.docs_dir))
