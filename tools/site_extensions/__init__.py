"""Python-Markdown extensions that both MkDocs and Zensical run for this site.

mkdocs.yml lists them under `markdown_extensions:`, which both tools read (Zensical
ignores MkDocs `hooks:`), so the two builds render the same pages:

- `site_extensions.includes`: a `--8<--` include naming a missing file or section
  fails the build with the page, the line and the file;
- `site_extensions.playground`: a "Run the whole listing in the Rust Playground"
  link under every Rust fence that includes a listing from `snippets/src/bin`;
- `site_extensions.primitives_download`: the `PRIMITIVES_WHEEL` placeholder becomes
  a link to the `primitives` wheel, and pages with Python fences get a tip on
  running the examples;
- `site_extensions.benchmarks`: the tables and figures of `docs/benchmarks.md`,
  read from `docs/benchmarks/results.json`.
- `site_extensions.diagrams`: a `<!-- diagram: NAME -->` line becomes the inline
  SVG drawn from `docs/diagrams/NAME.toml`, after its ties to the listings it
  depicts are checked.

Each is a preprocessor that runs before every other one (pymdownx.snippets included),
so it sees the page's Markdown as written, as the MkDocs hooks they replace did; the
diagrams run just after Python-Markdown's whitespace normalisation, which would strip
the placeholder of the stashed SVG.
`site_extensions.wheel` builds the wheel itself into `docs/downloads/`, which is not
Markdown rendering: see that module for who runs it.

The package lives in `tools/`, outside `src/primitives`, so it never ships in the
wheel that readers download; pyproject.toml's `dev-mode-dirs` puts `tools/` on the
path of every environment that installs the project in editable mode (all nox
sessions), which is how `mkdocs`, `zensical` and the tests import it.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Markdown

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def page_path(md: Markdown) -> str | None:
    """The page `md` is rendering, relative to `docs/` (`reference/glossary.md`).

    Python-Markdown does not know which page it renders; each tool says so in its
    own way. MkDocs registers its `relpath` treeprocessor, holding the page's file,
    on every page's Markdown instance (mkdocstrings copies it onto the instances
    that render docstrings); Zensical registers a `rendering_context` preprocessor
    holding the page. None when neither is there (Markdown run on its own).
    """
    if "relpath" in md.treeprocessors:
        source = getattr(
            getattr(md.treeprocessors["relpath"], "file", None), "src_uri", None
        )
        if isinstance(source, str):
            return source
    if "rendering_context" in md.preprocessors:
        source = getattr(
            getattr(md.preprocessors["rendering_context"], "page", None), "path", None
        )
        if isinstance(source, str):
            return source.replace("\\", "/")
    return None


def renders_a_docstring(md: Markdown) -> bool:
    """Whether `md` renders a docstring for mkdocstrings rather than a whole page."""
    return any(
        type(extension).__name__ == "MkdocstringsInnerExtension"
        for extension in md.registeredExtensions
    )
