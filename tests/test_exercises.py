"""The checks of the Rust exercises (tools/sitecheck/exercises.py), on made-up runs.

The checks themselves run cargo in `nox -s exercises`; these tests prove that each
check can fail, and says what failed, without building anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitecheck.exercises import (
    Exercise,
    exercises,
    first_run_problem,
    layout_problems,
    normalise,
    parse_libtest,
    starter_problems,
)
from sitecheck.expected import ROOT

TWO_FAILED = """
running 2 tests
test opens_once ... FAILED
test no_lost_update ... FAILED

failures:

---- opens_once stdout ----

thread 'opens_once' (4021) panicked at src/lib.rs:43:9:
not yet implemented
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

---- no_lost_update stdout ----

thread 'no_lost_update' (4022) panicked at src/lib.rs:50:9:
not yet implemented: count under the lock


failures:
    opens_once
    no_lost_update

test result: FAILED. 0 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; \
finished in 0.02s
"""


def _exercise(tmp_path: Path) -> Exercise:
    return Exercise("session_table", tmp_path)


def test_reads_outcomes_and_each_failures_output() -> None:
    run = parse_libtest(TWO_FAILED)
    assert run.outcomes == {"opens_once": "FAILED", "no_lost_update": "FAILED"}
    assert (
        "src/lib.rs:50:9:\nnot yet implemented: count" in run.sections["no_lost_update"]
    )
    assert "no_lost_update" not in run.sections["opens_once"]


def test_failing_on_todo_everywhere_is_what_a_starter_must_do(
    tmp_path: Path,
) -> None:
    assert starter_problems(_exercise(tmp_path), parse_libtest(TWO_FAILED)) == []


def test_a_test_that_passes_on_the_starter_is_named(tmp_path: Path) -> None:
    output = TWO_FAILED.replace("test opens_once ... FAILED", "test opens_once ... ok")
    problems = starter_problems(_exercise(tmp_path), parse_libtest(output))
    assert problems == [
        "exercises/session_table: test `opens_once` is ok on the starter; every "
        "test must fail until the reader writes the code"
    ]


def test_a_failure_for_another_reason_is_named_with_its_panic(
    tmp_path: Path,
) -> None:
    output = TWO_FAILED.replace(
        "panicked at src/lib.rs:50:9:\nnot yet implemented: count under the lock",
        "panicked at tests/grading.rs:31:5:\nno dispatcher is waiting",
    )
    problems = starter_problems(_exercise(tmp_path), parse_libtest(output))
    assert problems == [
        "exercises/session_table: test `no_lost_update` fails on the starter, but "
        "not on todo!(): thread 'no_lost_update' panicked at tests/grading.rs:31: "
        "no dispatcher is waiting"
    ]


def test_a_todo_outside_the_readers_file_does_not_count(tmp_path: Path) -> None:
    output = TWO_FAILED.replace("at src/lib.rs:43:9", "at tests/grading.rs:43:9")
    problems = starter_problems(_exercise(tmp_path), parse_libtest(output))
    assert len(problems) == 1
    assert "`opens_once`" in problems[0]


def test_a_failure_without_a_panic_is_named(tmp_path: Path) -> None:
    output = TWO_FAILED.replace(
        "thread 'opens_once' (4021) panicked at src/lib.rs:43:9:\n"
        "not yet implemented\n",
        "",
    )
    problems = starter_problems(_exercise(tmp_path), parse_libtest(output))
    assert problems == [
        "exercises/session_table: test `opens_once` fails on the starter without "
        "a panic message, so not on todo!()"
    ]


def test_panics_on_several_threads_are_refused(tmp_path: Path) -> None:
    twice = (
        "thread 'opens_once' (4021) panicked at src/lib.rs:43:9:\nnot yet implemented\n"
    )
    output = TWO_FAILED.replace(twice, twice + "\n" + twice.replace("4021", "4030"))
    problems = starter_problems(_exercise(tmp_path), parse_libtest(output))
    assert len(problems) == 1
    assert "test `opens_once` panics 2 times on the starter" in problems[0]


def test_a_run_without_tests_is_refused(tmp_path: Path) -> None:
    problems = starter_problems(_exercise(tmp_path), parse_libtest("error[E0425]"))
    assert problems == [
        "exercises/session_table: the starter's run printed no test outcome"
    ]


def test_thread_ids_and_times_are_replaced() -> None:
    shown = normalise(TWO_FAILED)
    assert "thread 'opens_once' (<id>) panicked at src/lib.rs:43:9:" in shown
    assert shown.endswith("filtered out; finished in <time>\n")
    assert not shown.startswith("\n")
    assert "4021" not in shown


def test_first_run_mismatch_shows_a_diff(tmp_path: Path) -> None:
    exercise = _exercise(tmp_path)
    exercise.starter.mkdir()
    assert "is missing: run with --bless" in str(first_run_problem(exercise, "x\n"))
    exercise.first_run.write_text(normalise(TWO_FAILED), encoding="utf-8")
    assert first_run_problem(exercise, normalise(TWO_FAILED)) is None
    changed = normalise(TWO_FAILED).replace("src/lib.rs:43:9", "src/lib.rs:44:9")
    problem = str(first_run_problem(exercise, changed))
    assert problem.startswith(
        "exercises/session_table/first-run.txt differs from the starter's run:"
    )
    assert "-thread 'opens_once' (<id>) panicked at src/lib.rs:43:9:" in problem
    assert "+thread 'opens_once' (<id>) panicked at src/lib.rs:44:9:" in problem


def _crate(folder: Path, manifest: str) -> None:
    folder.mkdir(parents=True)
    (folder / "Cargo.toml").write_text(manifest, encoding="utf-8")


PACKAGE = '[package]\nname = "session_table"\nedition = "2024"\n'
SHARED_TEST = (
    '[[test]]\nname = "grading"\npath = "../../session_table/tests/grading.rs"\n'
)


def _layout(tmp_path: Path, starter: str, solution: str) -> list[str]:
    exercise = _exercise(tmp_path)
    _crate(exercise.starter, starter)
    (exercise.starter / "tests").mkdir()
    (exercise.starter / "tests/grading.rs").write_text("", encoding="utf-8")
    _crate(exercise.solution, solution)
    return layout_problems(exercise)


def test_a_good_layout_passes(tmp_path: Path) -> None:
    assert _layout(tmp_path, PACKAGE, PACKAGE + SHARED_TEST) == []


def test_a_solution_with_its_own_tests_is_refused(tmp_path: Path) -> None:
    own = SHARED_TEST.replace("../../session_table/tests", "tests")
    problems = _layout(tmp_path, PACKAGE, PACKAGE + own)
    assert problems == [
        "exercises/session_table: the solution's one [[test]] target must be the "
        "starter's tests/grading.rs (path = "
        '"../../session_table/tests/grading.rs")'
    ]


def test_dependencies_and_other_editions_are_refused(tmp_path: Path) -> None:
    starter = PACKAGE.replace("2024", "2021") + '[dependencies]\nrayon = "1"\n'
    problems = _layout(tmp_path, starter, PACKAGE + SHARED_TEST)
    assert problems == [
        "exercises/session_table: the starter is not edition 2024",
        "exercises/session_table: the starter has dependencies (rayon); exercises "
        "use std only",
    ]


def test_different_package_names_are_refused(tmp_path: Path) -> None:
    solution = PACKAGE.replace("session_table", "session_table_solution")
    problems = _layout(tmp_path, PACKAGE, solution + SHARED_TEST)
    assert "the starter is package 'session_table'" in problems[0]


def test_there_are_exercises_and_each_has_a_solution() -> None:
    found = exercises()
    assert len(found) >= 6, [exercise.name for exercise in found]
    problems = [problem for exercise in found for problem in layout_problems(exercise)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("exercise", exercises(), ids=lambda e: e.name)
def test_the_first_run_shown_fails_on_todo_only(exercise: Exercise) -> None:
    """The committed output, as the page shows it, is a run that fails on todo!()."""
    run = parse_libtest(exercise.first_run.read_text(encoding="utf-8"))
    assert not starter_problems(exercise, run), starter_problems(exercise, run)


@pytest.mark.parametrize("exercise", exercises(), ids=lambda e: e.name)
def test_each_exercise_has_a_page_in_the_nav(exercise: Exercise) -> None:
    """docs/exercises/NAME.md shows the first run and includes the solution's file."""
    page = Path("exercises") / f"{exercise.name.replace('_', '-')}.md"
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    for included in (
        f"exercises/{exercise.name}/first-run.txt",
        f"exercises/solutions/{exercise.name}/src/lib.rs",
    ):
        assert f'--8<-- "{included}"' in text, (
            f"docs/{page} does not include {included}"
        )
    assert '??? example "Solution"' in text, f"docs/{page}: the solution is not folded"
    assert "??? tip" in text, f"docs/{page} has no hint"
    assert f"cd rust-exercises/{exercise.name}\n" in text
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f": {page.as_posix()}\n" in nav, f"mkdocs.yml's nav lacks {page}"


BREAK_IT = "**Break it yourself:**"


@pytest.mark.parametrize("page", sorted((ROOT / "docs").rglob("*.md")), ids=str)
def test_each_compile_fail_listing_has_a_break_it_prompt(page: Path) -> None:
    """After each "does not compile" admonition, a line says how to get its error."""
    lines = page.read_text(encoding="utf-8").splitlines()
    missing = []
    for number, line in enumerate(lines):
        if not line.lstrip().startswith(("!!! failure", "??? failure")):
            continue
        after = number + 1
        while after < len(lines) and (
            not lines[after].strip() or lines[after].startswith("    ")
        ):
            after += 1
        if after == len(lines) or not lines[after].startswith(BREAK_IT):
            missing.append(f"{page.relative_to(ROOT)}, line {number + 1}")
    assert not missing, f"compile-fail listings without a {BREAK_IT} line: {missing}"
