"""The case study's Python halves are pieces of the whole Python programs below them.

Each component's half runs on its own (imports first, its check called last), so
the pair stays readable; the folded whole programs are what the output is compared
with. This test ties the two: every half, without its imports and its closing
call, must appear word for word in the whole program of its own tab (the
standard-library halves in the standard-library program, the ``primitives`` halves
in the ``primitives`` one).
"""

from __future__ import annotations

import textwrap

import pytest

from sitecheck.expected import ROOT
from sitecheck.fences import Fence
from sitecheck.pages import fences_of
from sitecheck.tabs import tab_of

PAGE = ROOT / "docs" / "case-study.md"
WHOLE_TITLES = {
    "Standard library": "Python (replacement, standard library)",
    "primitives": "Python (replacement, primitives)",
}


def python_fences(title: str) -> list[Fence]:
    return [
        fence
        for fence in fences_of(PAGE)
        if fence.is_python and fence.title.strip('"') == title
    ]


def component_code(fence: Fence) -> str:
    """The half without its import lines and the call that runs its check."""
    lines = textwrap.dedent(fence.body).strip("\n").splitlines()
    while lines and (lines[0].startswith(("from ", "import ")) or not lines[0]):
        lines.pop(0)
    if lines and lines[-1].endswith("()") and not lines[-1].startswith(" "):
        lines.pop()
    return "\n".join(lines).strip("\n")


def whole_program(tab: str) -> str:
    (whole,) = python_fences(WHOLE_TITLES[tab])
    return textwrap.dedent(whole.body)


def tab_label(fence: Fence) -> str:
    """The tab a half sits in; a half outside tabs is a `primitives` one."""
    tab = tab_of(PAGE.read_text(encoding="utf-8").splitlines(), fence.line)
    return "primitives" if tab is None else tab.label


HALVES = python_fences("Python")


@pytest.mark.parametrize("tab", WHOLE_TITLES)
def test_the_page_has_component_halves_in_each_tab(tab: str) -> None:
    in_tab = [fence.line for fence in HALVES if tab_label(fence) == tab]
    assert len(in_tab) >= 4, (tab, in_tab)


@pytest.mark.parametrize("half", HALVES, ids=lambda fence: f"line {fence.line}")
def test_each_half_is_part_of_the_whole_program(half: Fence) -> None:
    code = component_code(half)
    tab = tab_label(half)
    assert code, f"{PAGE.relative_to(ROOT)}, line {half.line}: empty half"
    assert code in whole_program(tab), (
        f"{PAGE.relative_to(ROOT)}, line {half.line}: this Python half ({tab}) "
        "differs from the whole Python program of its tab below it"
    )


@pytest.mark.parametrize("tab", WHOLE_TITLES)
def test_a_changed_half_is_caught(tab: str) -> None:
    half = next(fence for fence in HALVES if tab_label(fence) == tab)
    code = component_code(half)
    assert code in whole_program(tab)
    assert code.replace("self", "this", 1) not in whole_program(tab)
