"""The diagrams (tools/site_extensions/diagrams.py, sources in docs/diagrams/).

Each source is drawn and its ties to the listings it depicts are checked; each is
placed on exactly one page; a marker that names no diagram, a changed output or a
changed listing fails with the page, the diagram and what differed. The browser
tests (tests/browser/test_diagrams.py) look at the drawn figures in the built site.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from site_extensions import diagrams
from site_extensions.diagrams import DiagramError, check_ties, load, placements

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
SOURCES = DOCS / "diagrams"
NAMES = sorted(path.stem for path in SOURCES.glob("*.toml"))
SVG = "{http://www.w3.org/2000/svg}"
NEAR_MISS = re.compile(r"<!--\s*diagrams?\b", re.I)


def page_markers() -> dict[str, list[str]]:
    """Each diagram name, with the pages (and lines) that place it."""
    found: dict[str, list[str]] = {}
    for page in sorted(DOCS.rglob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for number, _, name in placements(lines):
            found.setdefault(name, []).append(f"{page.relative_to(ROOT)}:{number}")
    return found


def test_there_are_at_least_twelve_diagrams() -> None:
    assert len(NAMES) >= 12, NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_diagram_is_placed_on_exactly_one_page(name: str) -> None:
    assert len(page_markers().get(name, [])) == 1, page_markers().get(name)


def test_every_marker_names_a_diagram() -> None:
    unknown = {
        name: where for name, where in page_markers().items() if name not in NAMES
    }
    assert not unknown, unknown


def test_no_marker_is_misspelt() -> None:
    """A comment that looks like a marker but is not one would vanish unseen."""
    missed = [
        f"{page.relative_to(ROOT)}:{number}: {line.strip()}"
        for page in sorted(DOCS.rglob("*.md"))
        for number, line in enumerate(page.read_text("utf-8").splitlines(), 1)
        if NEAR_MISS.search(line) and not diagrams.MARKER.match(line)
    ]
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", NAMES)
def test_each_diagram_draws_with_a_text_alternative(name: str) -> None:
    figure = ElementTree.fromstring(diagrams.render(name))
    svg = figure.find(f".//{SVG}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == desc.get("id")
    assert (title.text or "").strip()
    assert len((desc.text or "").strip()) > 80
    assert float(svg.get("width", "0")) > 0
    assert float(svg.get("height", "0")) > 0


def tied_to_outputs() -> list[str]:
    return [
        name
        for name in NAMES
        if any(Path(tie.file).name.startswith("output") for tie in load(name).ties)
    ]


def test_most_diagrams_are_tied_to_a_verified_output() -> None:
    assert len(tied_to_outputs()) >= 10, tied_to_outputs()


@pytest.mark.parametrize("name", NAMES)
def test_ties_hold(name: str) -> None:
    check_ties(load(name))


# --------------------------------------------------------------------------
# A changed listing fails the diagram that depicts it
# --------------------------------------------------------------------------


@pytest.fixture
def snippets(tmp_path: Path) -> Path:
    """A copy of the listings the diagrams are tied to, to change at will."""
    copy = tmp_path / "snippets"
    for name in NAMES:
        for tie in load(name).ties:
            target = copy / tie.file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SNIPPETS / tie.file, target)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_output_line_fails(snippets: Path) -> None:
    edit(
        snippets / "src/bin/threads_join_serial/output.txt",
        "Kiruna: contact closed",
        "Kiruna: contact dropped",
    )
    with pytest.raises(DiagramError, match=r"'Kiruna: contact closed' printed"):
        check_ties(load("threads-join-serial"), snippets)


def test_output_lines_in_another_order_fail(snippets: Path) -> None:
    output = snippets / "src/bin/channels_bounded/output.txt"
    lines = output.read_text(encoding="utf-8").splitlines()
    lines[2], lines[3] = lines[3], lines[2]  # "took slew" before "full, ..."
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DiagramError, match=r"channels-buffered.*'took slew'"):
        check_ties(load("channels-buffered"), snippets)


def test_an_unordered_output_accepts_any_order_but_not_a_new_line(
    snippets: Path,
) -> None:
    output = snippets / "src/bin/threads_join_parallel/output.unordered.txt"
    lines = output.read_text(encoding="utf-8").splitlines()
    output.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    check_ties(load("threads-join-parallel"), snippets)
    edit(output, "Awarua: contact opened", "Awarua: link opened")
    with pytest.raises(DiagramError, match="does not have"):
        check_ties(load("threads-join-parallel"), snippets)


def test_a_listing_whose_structure_changed_fails(snippets: Path) -> None:
    listing = snippets / "src/bin/deadlock_lock_order/main.rs"
    text = listing.read_text(encoding="utf-8")
    low = "let mut low_minutes = low.minutes.lock().unwrap();"
    high = "let mut high_minutes = high.minutes.lock().unwrap();"
    listing.write_text(
        text.replace(low, "@@").replace(high, low).replace("@@", high),
        encoding="utf-8",
    )
    with pytest.raises(DiagramError, match=r"no 'high.minutes.lock\(\)' after"):
        check_ties(load("deadlock-lock-order"), snippets)


def test_a_missing_tied_file_fails(snippets: Path) -> None:
    (snippets / "src/bin/waiting_condvar/output.txt").unlink()
    with pytest.raises(DiagramError, match="does not exist"):
        check_ties(load("condvar-wait"), snippets)


# --------------------------------------------------------------------------
# Sources that cannot be drawn
# --------------------------------------------------------------------------

TIMELINE = """\
kind = "timeline"
title = "t"
description = "d"
lanes = ["main", "worker"]
"""


def write(folder: Path, name: str, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return name


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('colour = "red"', "unknown key 'colour'"),
        ('spans = [{ lane = "nobody", from = 0, to = 1 }]', "no lane 'nobody'"),
        ('spans = [{ lane = "main", from = 2, to = 1 }]', "`to` comes after"),
        ('spans = [{ lane = "main", from = 0, to = 1, kind = "nap" }]', "kind is"),
        ('arrows = [{ from = "main", to = "worker@1" }]', "lane@row"),
        ('arrows = [{ from = "main@0", to = "main@1" }]', "one lane to another"),
        ('events = [{ lane = "main", at = -1, label = "x" }]', "0 or more"),
        ('legend = { snooze = "x" }', "no span kind 'snooze'"),
        (
            'events = [{ lane = "main", at = 1, label = "a long label here" },'
            ' { lane = "worker", at = 1, label = "b" }]',
            "overlaps",
        ),
        (
            'events = [{ lane = "main", at = 1, label = "one" }]\n'
            'arrows = [{ from = "worker@0", to = "main@2" }]',
            "crosses",
        ),
    ],
)
def test_a_timeline_that_cannot_be_drawn_is_refused(
    tmp_path: Path, extra: str, message: str
) -> None:
    name = write(tmp_path, "broken", TIMELINE + "lane_width = 40\n" + extra + "\n")
    with pytest.raises(DiagramError, match=re.escape(message)):
        diagrams.render(name, tmp_path, SNIPPETS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('kind = "pie"\ntitle = "t"\ndescription = "d"\n', "kind is"),
        ('kind = "graph"\ntitle = ""\ndescription = "d"\n', "title is missing"),
        (
            'kind = "graph"\ntitle = "t"\ndescription = "d"\nnodes = [\n'
            '{ id = "a", at = [0, 0] }, { id = "b", at = [0, 0] }]\n',
            "'a' is already there",
        ),
        (
            'kind = "graph"\ntitle = "t"\ndescription = "d"\n'
            'nodes = [{ id = "a", at = [0, 0] }]\nedges = [{ from = "a", to = "z" }]\n',
            "from and to name nodes",
        ),
        (TIMELINE + '[[ties]]\nfile = "src/bin/mutex_counter/main.rs"\n', "in_order"),
        (
            TIMELINE + '[[ties]]\nfile = "src/bin/mutex_counter/output.txt"\n',
            "shows no printed line",
        ),
        (
            TIMELINE + '[[ties]]\nfile = "src/bin/mutex_counter/main.rs"\n'
            'in_order = ["lock()"]\n',
            "the diagram does not show it",
        ),
    ],
)
def test_a_source_that_is_wrong_is_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    name = write(tmp_path, "broken", text)
    with pytest.raises(DiagramError, match=re.escape(message)):
        diagrams.render(name, tmp_path, SNIPPETS)


# --------------------------------------------------------------------------
# The Markdown extension, as MkDocs and Zensical run it
# --------------------------------------------------------------------------


class _File:
    src_uri = "threads.md"


class MkDocsRelPath(Treeprocessor):
    """What MkDocs registers as `relpath`: it holds the page being rendered."""

    file = _File()

    def run(self, root: object) -> None:
        return None


def render_page(text: str, sources: Path = SOURCES) -> str:
    md = Markdown(
        extensions=[
            "admonition",
            diagrams.DiagramsExtension(sources=str(sources)),
        ]
    )
    md.treeprocessors.register(MkDocsRelPath(), "relpath", 0)
    return md.convert(text)


def test_a_marker_becomes_the_figure_as_a_block_of_its_own() -> None:
    html = render_page("Before.\n\n<!-- diagram: condvar-wait -->\n\nAfter.\n")
    assert html.startswith("<p>Before.</p>\n<figure")
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 1
    assert "<p><figure" not in html
    assert "<!--" not in html
    assert html.endswith("</figure>\n<p>After.</p>")


def test_a_marker_inside_an_admonition_is_drawn_there() -> None:
    html = render_page('!!! note "Picture"\n\n    <!-- diagram: condvar-wait -->\n')
    assert re.search(
        r'<div class="admonition note">.*<figure class="diagram"', html, re.S
    )


def test_a_marker_naming_no_diagram_fails_with_page_and_line(tmp_path: Path) -> None:
    with pytest.raises(DiagramError) as error:
        render_page("# T\n\n<!-- diagram: no-such-thing -->\n", tmp_path)
    assert "docs/threads.md, line 3:" in str(error.value)
    assert "no-such-thing.toml does not exist" in str(error.value)
