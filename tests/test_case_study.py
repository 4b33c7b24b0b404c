"""The case study's Python halves are pieces of the whole Python program below them.

Each component's half runs on its own (imports first, its check called last), so
the pair stays readable; the folded whole program is what the output is compared
with. This test ties the two: every half, without its imports and its closing
call, must appear word for word in the whole program.
"""

from __future__ import annotations

import textwrap

import pytest

from sitecheck.expected import ROOT
from sitecheck.fences import Fence
from sitecheck.pages import fences_of

PAGE = ROOT / "docs" / "case-study.md"
WHOLE_TITLE = "Python (replacement, primitives)"


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


def whole_program() -> str:
    (whole,) = python_fences(WHOLE_TITLE)
    return textwrap.dedent(whole.body)


HALVES = python_fences("Python")


def test_the_page_has_component_halves() -> None:
    assert len(HALVES) >= 4, [fence.line for fence in HALVES]


@pytest.mark.parametrize("half", HALVES, ids=lambda fence: f"line {fence.line}")
def test_each_half_is_part_of_the_whole_program(half: Fence) -> None:
    code = component_code(half)
    assert code, f"{PAGE.relative_to(ROOT)}, line {half.line}: empty half"
    assert code in whole_program(), (
        f"{PAGE.relative_to(ROOT)}, line {half.line}: this Python half differs "
        "from the whole Python program below it"
    )


def test_a_changed_half_is_caught() -> None:
    code = component_code(HALVES[0])
    assert code.replace("self", "this", 1) not in whole_program()
