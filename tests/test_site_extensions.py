"""The site's own Markdown extensions (tools/site_extensions), run through Markdown.

MkDocs and Zensical both read them from mkdocs.yml's `markdown_extensions`. These
tests render Markdown with Python-Markdown alone, the way both tools do, and check the
HTML: the Playground link under each runnable listing, the wheel link and the "run the
examples" tip with their addresses relative to the page (the page told as MkDocs tells
it and as Zensical does), and the wheel put into docs/downloads/. The benchmark
tables have their own module, tests/test_benchmarks_page.py; the browser tests follow
the links in the built site.
"""

from __future__ import annotations

import itertools
import os
import re
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from site_extensions import includes, page_path, playground, wheel
from sitecheck.fences import FenceError

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PLAYGROUND_LINK = re.compile(
    r'<a class="playground-link" href="(?P<href>[^"]*)" rel="noopener" '
    r'target="_blank">Run the whole listing in the Rust Playground</a>'
)
LISTING = """\
use std::thread;

// --8<-- [start:main]
fn main() {
    // --8<-- [start:spawn]
    thread::spawn(|| println!("hi")).join().unwrap();
    // --8<-- [end:spawn]
}
// --8<-- [end:main]
"""
WHOLE_LISTING = """\
use std::thread;

fn main() {
    thread::spawn(|| println!("hi")).join().unwrap();
}
"""


def wheel_in_pyproject() -> str:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"
    ]["version"]
    return f"primitives-{version}-py3-none-any.whl"


# --------------------------------------------------------------------------
# How each tool says which page is being rendered
# --------------------------------------------------------------------------


class _File:
    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri


class MkDocsRelPath(Treeprocessor):
    """What MkDocs registers as `relpath` on each page's Markdown: it holds the page."""

    def __init__(self, src_uri: str) -> None:
        super().__init__()
        self.file = _File(src_uri)

    def run(self, root: object) -> None:
        return None


class _Page:
    def __init__(self, path: str) -> None:
        self.path = path


class ZensicalContext(Preprocessor):
    """What Zensical registers as `rendering_context`: it holds the page."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.page = _Page(path)

    def run(self, lines: list[str]) -> list[str]:
        return lines


def markdown(
    *extensions: str | Extension, page: str | None = None, tool: str = "mkdocs"
) -> Markdown:
    md = Markdown(extensions=["admonition", "attr_list", "fenced_code", *extensions])
    if page is not None and tool == "mkdocs":
        md.treeprocessors.register(MkDocsRelPath(page), "relpath", 0)
    if page is not None and tool == "zensical":
        md.preprocessors.register(ZensicalContext(page), "rendering_context", 0)
    return md


@pytest.mark.parametrize("tool", ["mkdocs", "zensical"])
@pytest.mark.parametrize("page", ["threads.md", "reference/glossary.md"])
def test_the_page_is_read_from_either_tool(tool: str, page: str) -> None:
    assert page_path(markdown(page=page, tool=tool)) == page


def test_no_page_when_markdown_runs_on_its_own() -> None:
    assert page_path(Markdown()) is None


# --------------------------------------------------------------------------
# Playground links
# --------------------------------------------------------------------------


@pytest.fixture
def snippets(tmp_path: Path) -> Path:
    folder = tmp_path / "snippets"
    (folder / "src" / "bin" / "demo_spawn").mkdir(parents=True)
    (folder / "src" / "bin" / "demo_spawn" / "main.rs").write_text(LISTING)
    return folder


def playground_html(source: str, snippets: Path) -> str:
    extension = playground.makeExtension(snippets=str(snippets))
    return markdown(extension).convert(source)


def code_of(href: str) -> str:
    query = parse_qs(urlparse(href).query)
    assert query["version"] == ["stable"]
    assert query["edition"] == ["2024"]
    (code,) = query["code"]
    return code


@pytest.mark.parametrize(
    "include",
    [
        '--8<-- "src/bin/demo_spawn/main.rs:spawn"',
        "--8<-- 'src/bin/demo_spawn/main.rs'",
        '-8<- "src/bin/demo_spawn/main.rs:main"',
    ],
)
def test_a_runnable_listing_links_to_the_whole_file(
    snippets: Path, include: str
) -> None:
    html = playground_html(f"# Page\n\n```rust\n{include}\n```\n", snippets)
    links = PLAYGROUND_LINK.findall(html.replace("&amp;", "&"))
    assert len(links) == 1, html
    assert code_of(links[0]) == WHOLE_LISTING
    assert html.index("<pre>") < html.index('class="playground-link"')


@pytest.mark.parametrize(
    "fence",
    [
        '```rust\n--8<-- "compile_fail/demo_borrow/main.rs"\n```',
        '```python\n--8<-- "src/bin/demo_spawn/main.rs"\n```',
        "```rust\nfn main() {}\n```",
        '```text\n--8<-- "src/bin/demo_spawn/output.txt"\n```',
    ],
)
def test_other_fences_get_no_link(snippets: Path, fence: str) -> None:
    assert "playground-link" not in playground_html(f"# Page\n\n{fence}\n", snippets)


def test_a_link_keeps_the_indentation_of_its_fence(snippets: Path) -> None:
    """A fence in a tab or a list is indented; its link must stay inside with it."""
    lines = [
        '=== "Rust"',
        "",
        "    ```rust",
        '    --8<-- "src/bin/demo_spawn/main.rs:spawn"',
        "    ```",
        "",
        "After.",
    ]
    result = playground.add_links(lines, snippets)
    link = next(line for line in result if "playground-link" in line)
    assert link.startswith("    [Run the whole listing in the Rust Playground](")
    assert result[-1] == "After."
    assert result.count("    ```") == 1


def test_every_runnable_listing_on_the_pages_gets_its_own_link() -> None:
    """Over the real pages: one link per fence including src/bin, opening that file."""
    includes = re.compile(r"""--8<--\s+["']src/bin/([\w-]+)/main\.rs""")
    checked = 0
    for page in sorted(DOCS.rglob("*.md")):
        lines = page.read_text(encoding="utf-8").split("\n")
        result = playground.add_links(lines)
        links = [line for line in result if "{ .playground-link" in line]
        names = [
            match[1]
            for line, following in itertools.pairwise(lines)
            if line.lstrip().startswith(("```rust", "~~~rust"))
            for match in [includes.search(following)]
            if match
        ]
        assert len(links) == len(names), page
        for link, name in zip(links, names, strict=True):
            source = ROOT / "snippets" / "src" / "bin" / name / "main.rs"
            expected = [
                line
                for line in source.read_text(encoding="utf-8").splitlines()
                if "--8<--" not in line
            ]
            href = link.split("](", 1)[1].split("){", 1)[0]
            assert code_of(href).splitlines() == expected, (page, name)
            checked += 1
    assert checked >= 50, "fewer Playground links than the lessons have listings"


def test_every_crate_the_listings_depend_on_is_on_the_playground() -> None:
    """A listing's Playground link runs only if the Playground has its crates."""
    with (ROOT / "snippets" / "Cargo.toml").open("rb") as handle:
        dependencies = tomllib.load(handle)["dependencies"]
    assert dependencies, "the listings use no crate: drop this test"
    assert set(dependencies) <= playground.PLAYGROUND_CRATES


# --------------------------------------------------------------------------
# The wheel link and the "run the examples" tip
# --------------------------------------------------------------------------

TIP = (
    '<div class="admonition tip">\n'
    '<p class="admonition-title">Run the examples yourself</p>\n'
    "<p>The Python snippets run on <code>primitives</code> "
    '(<a href="{up}running.md">install it</a>; '
    '<a href="{up}api.md">API reference</a>): '
    "save a snippet as a file and run it with <code>python3</code>. Each Rust listing "
    "has a link that opens it whole in the Rust Playground.</p>\n"
    "</div>"
)
PAGE_WITH_PYTHON = "# Threads\n\nIntro.\n\n```python\nprint('hi')\n```\n"


def test_the_wheel_name_follows_pyproject() -> None:
    assert wheel.wheel_name() == wheel_in_pyproject()
    assert wheel.wheel_uri() == f"downloads/{wheel_in_pyproject()}"


@pytest.mark.parametrize("tool", ["mkdocs", "zensical"])
@pytest.mark.parametrize(
    ("page", "up"), [("running.md", ""), ("reference/running-again.md", "../")]
)
def test_the_placeholder_becomes_the_wheel_address(
    tool: str, page: str, up: str
) -> None:
    md = markdown("site_extensions.primitives_download", page=page, tool=tool)
    html = md.convert("[Download primitives](PRIMITIVES_WHEEL){ .md-button }")
    assert html == (
        f'<p><a class="md-button" href="{up}downloads/{wheel_in_pyproject()}">'
        "Download primitives</a></p>"
    )


@pytest.mark.parametrize("tool", ["mkdocs", "zensical"])
@pytest.mark.parametrize(
    ("page", "up"), [("threads.md", ""), ("reference/x.md", "../")]
)
def test_a_page_with_python_gets_the_tip_under_its_title(
    tool: str, page: str, up: str
) -> None:
    md = markdown("site_extensions.primitives_download", page=page, tool=tool)
    html = md.convert(PAGE_WITH_PYTHON)
    assert html.startswith("<h1>Threads</h1>\n" + TIP.format(up=up) + "\n<p>Intro.</p>")
    assert html.count("Run the examples yourself") == 1


def test_markdown_on_its_own_renders_as_a_top_level_page() -> None:
    html = markdown("site_extensions.primitives_download").convert(PAGE_WITH_PYTHON)
    assert TIP.format(up="") in html


@pytest.mark.parametrize(
    ("page", "source"),
    [
        ("running.md", PAGE_WITH_PYTHON),
        ("api.md", PAGE_WITH_PYTHON),
        ("threads.md", "# Threads\n\n```rust\nfn main() {}\n```\n"),
        ("threads.md", "# Threads\n\nSay `python` and\n\n    python code\n"),
    ],
)
def test_no_tip_where_it_does_not_belong(page: str, source: str) -> None:
    html = markdown("site_extensions.primitives_download", page=page).convert(source)
    assert "Run the examples yourself" not in html


class MkdocstringsInnerExtension(Extension):
    """Named as the extension mkdocstrings adds when it renders a docstring."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)


def test_a_docstring_inside_a_page_gets_no_tip() -> None:
    md = markdown(
        "site_extensions.primitives_download",
        MkdocstringsInnerExtension(),
        page="threads.md",
    )
    html = md.convert("Example:\n\n```python\nprint('hi')\n```\n\nPRIMITIVES_WHEEL")
    assert "Run the examples yourself" not in html
    assert f"downloads/{wheel_in_pyproject()}" in html


def test_the_running_page_links_the_wheel() -> None:
    source = (DOCS / "running.md").read_text(encoding="utf-8")
    md = markdown("site_extensions.primitives_download", page="running.md")
    html = md.convert(source)
    assert f'href="downloads/{wheel_in_pyproject()}"' in html
    assert "PRIMITIVES_WHEEL" not in html


# --------------------------------------------------------------------------
# The wheel in docs/downloads/
# --------------------------------------------------------------------------


@pytest.fixture
def fake_builds(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Replace hatchling: each build writes the next content in the list."""
    contents: list[bytes] = []

    def build(destination: Path) -> Path:
        built = destination / wheel.wheel_name()
        built.write_bytes(contents.pop(0))
        return built

    monkeypatch.setattr(wheel, "build_wheel", build)
    return contents


def test_the_wheel_is_put_where_both_builds_copy_it(
    tmp_path: Path, fake_builds: list[bytes]
) -> None:
    old = tmp_path / "downloads" / "primitives-0.0.1-py3-none-any.whl"
    old.parent.mkdir()
    old.write_bytes(b"an earlier version")
    fake_builds.extend([b"first", b"first", b"second"])

    target = wheel.ensure_wheel(tmp_path)
    assert target == tmp_path / "downloads" / wheel_in_pyproject()
    assert target.read_bytes() == b"first"
    assert not old.exists(), "an earlier version's wheel would be offered too"

    # Unchanged: the file is left alone, so `mkdocs serve` does not rebuild again.
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert wheel.ensure_wheel(tmp_path).read_bytes() == b"first"
    assert target.stat().st_mtime_ns == 1_000_000_000, "rewritten although unchanged"

    assert wheel.ensure_wheel(tmp_path).read_bytes() == b"second"


# --------------------------------------------------------------------------
# mkdocs.yml runs them, in both tools
# --------------------------------------------------------------------------


def test_mkdocs_yml_lists_the_extensions() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = config.split("\nmarkdown_extensions:\n", 1)[1].split("\n\n", 1)[0]
    listed = re.findall(r"^  - (site_extensions\.\w+)$", extensions, re.M)
    assert listed == [
        "site_extensions.includes",
        "site_extensions.playground",
        "site_extensions.primitives_download",
        "site_extensions.benchmarks",
        "site_extensions.diagrams",
    ]
    hooks = config.split("\nhooks:\n", 1)[1].split("\n\n", 1)[0]
    assert re.findall(r"^  - (.+)$", hooks, re.M) == [
        "hooks/primitives_wheel.py",
        "hooks/exercises_archive.py",
    ], "Zensical ignores hooks: what a page shows belongs in a Markdown extension"


# --------------------------------------------------------------------------
# Includes: a missing file or section names the page, the line and the listing
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("include", "said"),
    [
        (
            '--8<-- "src/bin/threads_spawn_join/main.rs:nosuch"',
            "docs/page.md, line 4: snippets/src/bin/threads_spawn_join/main.rs has "
            "no section `nosuch`",
        ),
        (
            '--8<-- "src/bin/no_such_listing/main.rs:spawn"',
            "docs/page.md, line 4: snippets/src/bin/no_such_listing/main.rs does "
            "not exist",
        ),
    ],
)
def test_a_missing_include_names_page_line_and_listing(include: str, said: str) -> None:
    lines = ["# Page", "", "```rust", include, "```"]
    with pytest.raises(includes.IncludeError, match=re.escape(said)):
        includes.check_includes(lines, "page.md")


def test_the_pages_includes_resolve() -> None:
    for page in sorted(DOCS.rglob("*.md")):
        lines = page.read_text(encoding="utf-8").split("\n")
        includes.check_includes(lines, str(page.relative_to(DOCS)))


def test_an_unclosed_fence_fails_naming_page_and_line() -> None:
    lines = ["# Page", "", "```rust", '--8<-- "src/bin/threads_spawn_join/main.rs"']
    with pytest.raises(FenceError, match=r"docs/page\.md, line 3: fence is never"):
        playground.add_links(lines, page="page.md")
