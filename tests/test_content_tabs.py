"""Two versions of one program in tabs share the output fence after the tab set."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sitecheck.expected import ROOT
from sitecheck.pages import fences_of, pages, python_examples, unchecked_fences
from sitecheck.tabs import Tab, tab_labels, tab_of

PYTHON_TABS = ["Standard library", "primitives"]

TWO_TABS_SHARED_OUTPUT = """\
    <div class="pair" markdown>

    ```rust title="Rust"
    --8<-- "src/bin/mutex_counter/main.rs:main"
    ```

    === "Standard library"

        ```python title="Python"
        print("one")
        ```

    === "primitives"

        ```python title="Python"
        print("one")
        ```

    </div>

    ```text title="Output"
    --8<-- "src/bin/mutex_counter/output.txt"
    ```
"""

OWN_OUTPUT_IN_A_TAB = """\
    <div class="pair" markdown>

    ```rust title="Rust"
    --8<-- "src/bin/mutex_counter/main.rs:main"
    ```

    === "Standard library"

        ```python title="Python"
        print(None)
        ```

        ```text title="Output"
        None
        ```

    === "primitives"

        ```python title="Python"
        print("one")
        ```

    </div>

    ```text title="Output"
    --8<-- "src/bin/mutex_counter/output.txt"
    ```
"""


def outputs(markdown: str) -> list[int | None]:
    """For each script of ``markdown``, which output fence (0, 1, ...) it has."""
    text = textwrap.dedent(markdown)
    output_lines = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if 'title="Output"' in line
    ]
    return [
        None if example.output is None else output_lines.index(example.output.line)
        for example in python_examples(Path("page.md"), text)
    ]


def test_scripts_in_two_tabs_share_the_output_after_the_set() -> None:
    assert outputs(TWO_TABS_SHARED_OUTPUT) == [0, 0]


def test_a_tab_with_its_own_output_keeps_it_and_the_other_tab_skips_it() -> None:
    assert outputs(OWN_OUTPUT_IN_A_TAB) == [0, 1]


def test_a_script_outside_tabs_still_stops_at_the_next_script() -> None:
    markdown = """\
        ```python
        print("first")
        ```

        === "Standard library"

            ```python
            print("second")
            ```

        ```text title="Output"
        second
        ```
    """
    assert outputs(markdown) == [None, 0]


def test_tabs_of_two_different_sets_do_not_share() -> None:
    markdown = """\
        === "Standard library"

            ```python
            print("a")
            ```

        Between the two sets.

        === "primitives"

            ```python
            print("b")
            ```

        ```text title="Output"
        b
        ```
    """
    assert outputs(markdown) == [None, 0]


def test_tab_of_names_the_set_and_the_tab() -> None:
    lines = textwrap.dedent(TWO_TABS_SHARED_OUTPUT).splitlines()
    headers = [n for n, line in enumerate(lines, start=1) if "===" in line]
    scripts = [n for n, line in enumerate(lines, start=1) if "```python" in line]
    first, second = headers
    assert tab_of(lines, scripts[0]) == Tab(first, first, "Standard library")
    assert tab_of(lines, scripts[1]) == Tab(first, second, "primitives")
    assert tab_of(lines, 3) is None
    assert tab_labels(lines, first) == PYTHON_TABS


def test_a_fence_under_an_admonition_in_a_tab_is_not_directly_in_it() -> None:
    lines = ['=== "Standard library"', "", "    !!! note", "", "        ```python"]
    assert tab_of(lines, 5) is None


def test_an_output_inside_a_tab_may_sit_in_a_pair() -> None:
    text = textwrap.dedent(OWN_OUTPUT_IN_A_TAB)
    assert unchecked_fences(Path("page.md"), text) == []


def test_an_output_inside_a_tab_that_no_script_claims_fails() -> None:
    in_tab_output = '    ```text title="Output"\n    None\n    ```\n'
    text = textwrap.dedent(OWN_OUTPUT_IN_A_TAB)
    assert in_tab_output in text
    text = text.replace(in_tab_output, f"{in_tab_output}\n{in_tab_output}", 1)
    problems = unchecked_fences(Path("page.md"), text)
    assert any("follows no Python script" in problem for problem in problems)


def python_tab_sets(page: Path) -> list[tuple[int, list[str]]]:
    """Each tab set that holds a Python script: its first line and its labels."""
    lines = (ROOT / page).read_text(encoding="utf-8").splitlines()
    sets: dict[int, list[str]] = {}
    for fence in fences_of(page):
        tab = tab_of(lines, fence.line) if fence.is_run else None
        if tab is not None:
            sets[tab.set_line] = tab_labels(lines, tab.set_line)
    return sorted(sets.items())


@pytest.mark.parametrize("page", pages(), ids=str)
def test_python_tabs_are_the_standard_library_then_primitives(page: Path) -> None:
    """One label per tab across the site, so the reader's choice carries over."""
    wrong = [
        f"{page}, line {line}: tabs {labels}"
        for line, labels in python_tab_sets(page)
        if labels != PYTHON_TABS
    ]
    assert not wrong, f"Python tabs must be labelled {PYTHON_TABS}:\n" + "\n".join(
        wrong
    )


def scripts_by_tab(page: Path) -> list[tuple[str | None, str]]:
    """Each script of a page: the label of the tab it sits in (or None), its code."""
    lines = (ROOT / page).read_text(encoding="utf-8").splitlines()
    return [
        (None if (tab := tab_of(lines, fence.line)) is None else tab.label, fence.body)
        for fence in fences_of(page)
        if fence.is_run
    ]


def uses_primitives(code: str) -> bool:
    return "primitives" in code


PAIR_PAGES = [page for page in pages() if 'class="pair"' in (ROOT / page).read_text()]


@pytest.mark.parametrize("page", PAIR_PAGES, ids=str)
def test_every_lesson_with_pairs_runs_standard_library_python(page: Path) -> None:
    """The Python a reader writes today is on every lesson, not only the mirror."""
    standard = [
        code
        for label, code in scripts_by_tab(page)
        if label == "Standard library" or (label is None and not uses_primitives(code))
    ]
    assert standard, f"{page}: no script uses the standard library alone"


@pytest.mark.parametrize("page", pages(), ids=str)
def test_standard_library_tabs_do_not_use_primitives(page: Path) -> None:
    wrong = [
        f"{page}: a 'Standard library' tab script uses primitives:\n{code}"
        for label, code in scripts_by_tab(page)
        if label == "Standard library" and uses_primitives(code)
    ]
    assert not wrong, "\n".join(wrong)
