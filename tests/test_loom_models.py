"""The checks of the loom models (tools/sitecheck/loom_models.py), and their pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitecheck.expected import ROOT
from sitecheck.fences import include_path
from sitecheck.loom_models import (
    EXPECTED,
    compare,
    completed_line,
    expected_failure_problem,
)
from sitecheck.pages import includes_of, pages, unchecked_fences

SNIPPETS = ROOT / "snippets"

FAILED_RUN = """
running 1 test
test relaxed_publication ... FAILED

failures:

---- relaxed_publication stdout ----
 INFO iter{1}:thread{id=1}: loom::rt::execution: ~~~~~~~~ THREAD 1 ~~~~~~~~

thread 'relaxed_publication' (4242) panicked at tests/models.rs:28:9:
assertion `left == right` failed: stale epoch

failures:
    relaxed_publication

test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 3 filtered out
"""


def test_completed_line_keeps_loom_s_words() -> None:
    stdout = "running 1 test\n INFO loom::model: Completed in 119 iterations\n.\n"
    assert completed_line("spin_lock", stdout) == (
        "spin_lock: INFO loom::model: Completed in 119 iterations"
    )


@pytest.mark.parametrize(
    "stdout",
    [
        "running 1 test\ntest spin_lock ... ok\n",
        " INFO loom::model: Completed in 1 iterations\n" * 2,
    ],
    ids=["no completion", "two completions"],
)
def test_completed_line_needs_exactly_one_completion(stdout: str) -> None:
    assert completed_line("spin_lock", stdout) is None


def test_a_failure_with_a_panic_is_what_an_ignored_model_must_do() -> None:
    assert expected_failure_problem("relaxed_publication", FAILED_RUN, 101) is None


def test_an_ignored_model_that_passes_is_a_problem() -> None:
    passed = "running 1 test\ntest relaxed_publication ... ok\n"
    problem = expected_failure_problem("relaxed_publication", passed, 0)
    assert problem is not None
    assert "is ok" in problem
    assert "no longer reports it" in problem


def test_a_failure_without_a_panic_is_a_problem() -> None:
    no_panic = FAILED_RUN.replace("panicked at", "stopped at")
    problem = expected_failure_problem("relaxed_publication", no_panic, 101)
    assert problem is not None
    assert "without a panic" in problem


def test_a_model_that_did_not_run_is_a_problem() -> None:
    problem = expected_failure_problem("relaxed_publication", "error: no test\n", 101)
    assert problem is not None
    assert "did not run" in problem


def test_compare_reports_a_difference() -> None:
    problem = compare(EXPECTED / "interleavings.txt", "nothing like it\n", bless=False)
    assert problem is not None
    assert "differs" in problem


def test_compare_reports_a_missing_report() -> None:
    problem = compare(EXPECTED / "no_such_model.txt", "x\n", bless=False)
    assert problem is not None
    assert "--bless" in problem


def test_blessing_writes_the_report(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("old\n", encoding="utf-8")
    assert compare(path, "new\n", bless=True) is None
    assert path.read_text(encoding="utf-8") == "new\n"


def _page(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(f"# A page\n\n{body}\n", encoding="utf-8")
    return page


def test_a_loom_fence_including_a_loom_report_is_checked(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        '```rust title="Rust"\n--8<-- "loom/tests/models.rs:publication"\n```\n\n'
        '```text title="loom"\n--8<-- "loom/expected/relaxed_publication.txt"\n```',
    )
    assert unchecked_fences(page) == []


@pytest.mark.parametrize(
    "fence",
    [
        '```text title="loom"\nthread panicked: stale epoch\n```',
        '```text title="loom"\n--8<-- "src/bin/atomics_publish/output.txt"\n```',
        '```text title="loom"\n--8<-- "loom/src/publication.rs"\n```',
        '```text title="loom"\n--8<-- "loom/expected/interleavings.txt:part"\n```',
        '```rust title="Rust"\n--8<-- "loom/expected/interleavings.txt"\n```',
    ],
    ids=["typed", "a listing's output", "a source", "a section", "report as rust"],
)
def test_a_loom_fence_with_anything_else_is_unchecked(
    tmp_path: Path, fence: str
) -> None:
    assert unchecked_fences(_page(tmp_path, fence)) != []


def test_loom_includes_name_files_of_the_loom_package() -> None:
    assert include_path("loom/expected/x.txt", SNIPPETS) == ROOT / "loom/expected/x.txt"


def test_every_loom_report_is_shown() -> None:
    included = {
        include_path(placed.include.path, SNIPPETS).resolve()
        for page in pages()
        for placed in includes_of(page)
    }
    reports = sorted(EXPECTED.glob("*.txt"))
    assert reports, "loom/expected/ holds no report"
    orphans = [str(path.relative_to(ROOT)) for path in reports if path not in included]
    assert not orphans, "loom reports that no page includes:\n" + "\n".join(orphans)
