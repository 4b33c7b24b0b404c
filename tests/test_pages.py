"""Structural checks of the pages: nothing skipped or orphaned, markers in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from sybil import Document

from sitecheck.expected import COUNTS_NAME, ROOT, SNIPPETS, UNORDERED_NAME
from sitecheck.fences import Include, include_path
from sitecheck.listings import STDERR_NAME, compile_fail_listings, runnable_listings
from sitecheck.pages import (
    COMPILE_FAIL_TITLE,
    _included_kind,
    count_python_openers,
    enclosing_admonition,
    fences_of,
    includes_of,
    pages,
    unchecked_fences,
)
from sitecheck.python_examples import parse_document

LINE_WIDTH = 70
UNORDERED_TITLE = "Output (order varies)"
COUNTS_TITLE = "Output (counts vary)"
#: The title an output fence must have, by the name of the file it includes.
VARYING_TITLES = {UNORDERED_NAME: UNORDERED_TITLE, COUNTS_NAME: COUNTS_TITLE}


def test_there_are_pages() -> None:
    assert pages(), "docs/ holds no Markdown page"


@pytest.mark.parametrize("page", pages(), ids=str)
def test_every_python_fence_is_an_example(page: Path) -> None:
    """Sybil runs exactly as many examples as the page has Python fences."""
    openers = count_python_openers(page)
    document = Document.parse(str(ROOT / page), parse_document)
    examples = [example.line for example in document.examples()]
    missed = sorted(set(openers) - set(examples))
    assert len(examples) == len(openers), (
        f"{page}: {len(openers)} Python fences but {len(examples)} examples collected; "
        f"fences not collected start on lines {missed}"
    )


@pytest.mark.parametrize("page", pages(), ids=str)
def test_python_lines_fit_the_column(page: Path) -> None:
    too_wide = [
        f"{page}, line {fence.body_line + offset}: {len(line)} columns"
        for fence in fences_of(page)
        if fence.is_python
        for offset, line in enumerate(fence.body.splitlines())
        if len(line) > LINE_WIDTH
    ]
    assert not too_wide, f"Python lines over {LINE_WIDTH} columns:\n" + "\n".join(
        too_wide
    )


@pytest.mark.parametrize("page", pages(), ids=str)
def test_every_include_resolves(page: Path) -> None:
    """Each `--8<--` names a file under snippets/ and, if given, a section in it."""
    broken = []
    for placed in includes_of(page):
        include = placed.include
        target = include_path(include.path, SNIPPETS)
        shown = target.relative_to(ROOT)
        where = f"{page}, line {include.line}"
        if not target.is_file():
            broken.append(f"{where}: {shown} does not exist")
        elif include.section and (
            f"[start:{include.section}]" not in target.read_text(encoding="utf-8")
        ):
            broken.append(
                f"{where}: {shown} has no section "
                f"`{include.section}` (mark it with `// --8<-- "
                f"[start:{include.section}]` ... `[end:{include.section}]`)"
            )
    assert not broken, "\n".join(broken)


def _included_files() -> set[Path]:
    return {
        include_path(placed.include.path, SNIPPETS).resolve()
        for page in pages()
        for placed in includes_of(page)
    }


def test_every_listing_is_shown() -> None:
    included = _included_files()
    required = [listing.source for listing in runnable_listings()]
    for listing in compile_fail_listings():
        required += [listing.source, listing.directory / STDERR_NAME]
    orphans = [
        str(path.relative_to(ROOT))
        for path in required
        if path.resolve() not in included
    ]
    assert not orphans, "listing files that no page includes:\n" + "\n".join(orphans)


@pytest.mark.parametrize("page", pages(), ids=str)
def test_compile_fail_listings_are_marked(page: Path) -> None:
    unmarked = []
    for placed in includes_of(page):
        if not placed.include.path.startswith("compile_fail/"):
            continue
        admonition = enclosing_admonition(page, placed.fence)
        if admonition != ("failure", COMPILE_FAIL_TITLE):
            unmarked.append(
                f"{page}, line {placed.include.line}: {placed.include.path} must "
                f'sit in a `!!! failure "{COMPILE_FAIL_TITLE}"` admonition'
            )
    assert not unmarked, "\n".join(unmarked)


def wrong_output_titles(page: Path) -> list[str]:
    """Output fences whose title does not say what their included file says:
    `Output (order varies)` for an unordered file, `Output (counts vary)` for a
    counts file, neither for any other."""
    wrong = []
    for placed in includes_of(page):
        name = Path(placed.include.path).name
        title = placed.fence.title
        wanted = VARYING_TITLES.get(name)
        if wanted is not None and title != wanted:
            wrong.append(
                f"{page}, line {placed.fence.line}: fence titled {title!r} "
                f"includes {placed.include.path}; title it {wanted!r}"
            )
        elif wanted is None and title in VARYING_TITLES.values():
            wrong.append(
                f"{page}, line {placed.fence.line}: fence titled {title!r} "
                f"includes {placed.include.path}; only an "
                f"{' or '.join(VARYING_TITLES)} file is titled so"
            )
    return wrong


@pytest.mark.parametrize("page", pages(), ids=str)
def test_output_titles_say_whether_order_varies(page: Path) -> None:
    wrong = wrong_output_titles(page)
    assert not wrong, "\n".join(wrong)


def test_the_bridge_rust_source_is_a_verified_listing() -> None:
    """bridge/src is checked by `nox -s bridge`; the rest of bridge/ is not code
    that a rust fence may show."""
    assert _included_kind(Include("bridge/src/lib.rs", "batch", 1)) == "listing"
    assert _included_kind(Include("bridge/Cargo.toml", None, 1)) is None
    tests = Include("bridge/tests/test_uplink_checksum.py", None, 1)
    assert _included_kind(tests) is None
    assert _included_kind(Include("src/bridge/lib.rs", None, 1)) is None
    assert include_path("bridge/src/lib.rs", SNIPPETS) == ROOT / "bridge/src/lib.rs"


@pytest.mark.parametrize("page", pages(), ids=str)
def test_every_fence_is_checked(page: Path) -> None:
    """Each fence is run, included from a verified file, or a shell command."""
    problems = unchecked_fences(page)
    assert not problems, "\n".join(problems)
