"""MkDocs hook: put the Rust exercises' starters, as one archive, in `docs/downloads/`.

Why a hook, and how Zensical gets the same file: `site_extensions.exercises_archive`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from site_extensions.exercises_archive import ensure_archive


def on_pre_build(config: MkDocsConfig) -> None:
    ensure_archive(Path(config.docs_dir))
