"""The timing claims on docs/python-bridge.md come from the benchmark results.

The checks of the benchmarks page (tests/test_benchmarks_page.py) are applied to
the part of this page that reports timings: no figure or verdict typed into the
prose, and every placeholder and table filled from docs/benchmarks/results.json.
"""

from __future__ import annotations

import re
from pathlib import Path

from test_benchmarks_page import (
    PLACEHOLDER,
    digits_in_prose,
    leftovers,
    preprocess,
    typed_verdicts,
)

PAGE = Path(__file__).resolve().parents[1] / "docs" / "python-bridge.md"
TIMINGS = "## Threads that scale"
FENCE = re.compile(r"^```.*?^```[ \t]*$", re.M | re.S)


def timing_prose() -> str:
    """The page from its timings' heading on, without its code and output."""
    text = PAGE.read_text(encoding="utf-8")
    return FENCE.sub("", text[text.index(TIMINGS) :])


def test_the_timings_are_placeholders_only() -> None:
    prose = timing_prose()
    assert len(PLACEHOLDER.findall(prose)) >= 5
    assert not digits_in_prose(prose), digits_in_prose(prose)
    assert not typed_verdicts(prose), typed_verdicts(prose)


def test_a_typed_figure_or_verdict_is_caught() -> None:
    prose = timing_prose()
    speedup = "{{ bench:bridge.python_extension@2.speedup }}"
    speed = "{{ bench:speed bridge.python_pure@2 vs bridge.python_pure@1 }}"
    assert speedup in prose
    assert speed in prose
    assert digits_in_prose(prose.replace(speedup, "1.9"))
    assert typed_verdicts(prose.replace(speed, "no faster"))


def test_the_page_renders_its_table_and_every_placeholder() -> None:
    rendered = preprocess(PAGE.read_text(encoding="utf-8"))
    assert not leftovers(rendered), leftovers(rendered)
    assert "| Case | Threads | Median (ns per byte) |" in rendered
