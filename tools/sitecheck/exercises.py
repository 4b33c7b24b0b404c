"""Check the Rust exercises in `exercises/` in both directions.

Each exercise is a starter crate, `exercises/NAME/` (`Cargo.toml`, `src/lib.rs` with
`todo!()` where the reader works, `tests/grading.rs`), and a reference solution,
`exercises/solutions/NAME/`, whose only test target is the starter's own
`tests/grading.rs`: one test file grades both. For every exercise this module
proves, with cargo:

- the starter is std-only, formatted, compiles warning-free, and every one of its
  tests fails, each on one `todo!()` in `src/lib.rs` (a "not yet implemented"
  panic, on one thread) and on nothing else;
- what the starter's tests print is `exercises/NAME/first-run.txt`, the output the
  exercise's page shows (thread ids and times replaced by placeholders);
- the solution is std-only, formatted, clippy-clean, and passes the same tests.

`python -m sitecheck.exercises [--bless] [NAME ...]` (with `tools/` on the path) runs
the checks; `--bless` rewrites `first-run.txt` from the starter's run. Every
problem names the exercise, the test and what differed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .expected import ROOT, from_file

EXERCISES = ROOT / "exercises"
SOLUTIONS = EXERCISES / "solutions"
NOT_EXERCISES = frozenset({"solutions", "support", "target"})
TEST_FILE = Path("tests/grading.rs")
FIRST_RUN = "first-run.txt"
TODO_MESSAGE = "not yet implemented"
TODO_FILE = "src/lib.rs"
#: A cargo command that runs longer than this fails the check instead of hanging
#: it; the grading tests give up on their own after 10 s per wait.
CARGO_TIMEOUT = 600

_OUTCOME = re.compile(r"^test (?P<name>\S+) \.\.\. (?P<outcome>ok|FAILED|ignored)$")
_SECTION = re.compile(r"^---- (?P<name>\S+) stdout ----$")
_PANIC = re.compile(
    r"^thread '(?P<thread>[^']*)'(?: \([^)]*\))? panicked at "
    r"(?P<file>.+?):(?P<line>\d+):(?P<column>\d+):\n(?P<message>.*)$",
    re.M,
)
_THREAD_ID = re.compile(r"^(thread '[^']*') \(\d+\)", re.M)
_DURATION = re.compile(r"finished in \d+(?:\.\d+)?s")


@dataclass(frozen=True)
class Exercise:
    """One exercise: its starter crate and its solution crate."""

    name: str
    root: Path = EXERCISES

    @property
    def starter(self) -> Path:
        return self.root / self.name

    @property
    def solution(self) -> Path:
        return self.root / "solutions" / self.name

    @property
    def first_run(self) -> Path:
        return self.starter / FIRST_RUN

    def where(self) -> str:
        return f"exercises/{self.name}"


def exercises(root: Path = EXERCISES) -> list[Exercise]:
    """Every exercise: each folder of `root` with a Cargo.toml, by name."""
    return [
        Exercise(path.parent.name, root)
        for path in sorted(root.glob("*/Cargo.toml"))
        if path.parent.name not in NOT_EXERCISES
    ]


@dataclass(frozen=True)
class TestRun:
    """What libtest printed: each test's outcome, and each failed test's output."""

    outcomes: dict[str, str]
    sections: dict[str, str] = field(default_factory=dict)


def parse_libtest(stdout: str) -> TestRun:
    """Read libtest's plain (not `--quiet`) output."""
    outcomes: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in stdout.splitlines():
        outcome = _OUTCOME.match(line)
        section = _SECTION.match(line)
        if outcome:
            outcomes[outcome["name"]] = outcome["outcome"]
        elif section:
            current = sections.setdefault(section["name"], [])
        elif line == "failures:":
            current = None
        elif current is not None:
            current.append(line)
    return TestRun(outcomes, {name: "\n".join(body) for name, body in sections.items()})


def starter_problems(exercise: Exercise, run: TestRun) -> list[str]:
    """Why the starter's test run does not prove what it must, one line each.

    Every test must fail, and every panic in a failed test's output must be a
    `todo!()` in `src/lib.rs`: a test that passes grades nothing the reader
    writes, and one that fails for another reason tells the reader something wrong.
    """
    where = exercise.where()
    if not run.outcomes:
        return [f"{where}: the starter's run printed no test outcome"]
    problems = []
    for name, outcome in run.outcomes.items():
        if outcome != "FAILED":
            problems.append(
                f"{where}: test `{name}` is {outcome} on the starter; every test "
                "must fail until the reader writes the code"
            )
            continue
        panics = list(_PANIC.finditer(run.sections.get(name, "")))
        if not panics:
            problems.append(
                f"{where}: test `{name}` fails on the starter without a panic "
                "message, so not on todo!()"
            )
        if len(panics) > 1:
            problems.append(
                f"{where}: test `{name}` panics {len(panics)} times on the starter; "
                "make its first call to the reader's code on one thread, before "
                "it starts others, so that the first run's output is the same "
                "every time"
            )
        for panic in panics:
            if panic["file"] != TODO_FILE or not panic["message"].startswith(
                TODO_MESSAGE
            ):
                problems.append(
                    f"{where}: test `{name}` fails on the starter, but not on "
                    f"todo!(): thread '{panic['thread']}' panicked at "
                    f"{panic['file']}:{panic['line']}: {panic['message']}"
                )
    return problems


def normalise(stdout: str) -> str:
    """libtest's output without what changes from run to run: thread ids, times."""
    text = _THREAD_ID.sub(r"\1 (<id>)", stdout)
    text = _DURATION.sub("finished in <time>", text)
    return text.strip("\n") + "\n"


def first_run_problem(exercise: Exercise, actual: str) -> str | None:
    """How the committed first-run.txt differs from `actual`, or None."""
    path = exercise.first_run
    shown = f"{exercise.where()}/{FIRST_RUN}"
    if not path.is_file():
        return f"{shown} is missing: run with --bless to write it"
    mismatch = from_file(path, shown).mismatch(actual)
    if mismatch is None:
        return None
    return f"{shown} differs from the starter's run:\n{mismatch}"


def layout_problems(exercise: Exercise) -> list[str]:
    """Both crates exist, are std-only and edition 2024, and share one test file."""
    where = exercise.where()
    problems = []
    manifests = {}
    for side, folder in [
        ("starter", exercise.starter),
        ("solution", exercise.solution),
    ]:
        manifest = folder / "Cargo.toml"
        if not manifest.is_file():
            problems.append(f"{where}: the {side} has no {manifest.relative_to(ROOT)}")
            continue
        parsed = tomllib.loads(manifest.read_text(encoding="utf-8"))
        manifests[side] = parsed
        if parsed.get("package", {}).get("edition") != "2024":
            problems.append(f"{where}: the {side} is not edition 2024")
        for table in ("dependencies", "dev-dependencies", "build-dependencies"):
            if parsed.get(table):
                problems.append(
                    f"{where}: the {side} has {table} ({', '.join(parsed[table])}); "
                    "exercises use std only"
                )
    if len(manifests) < 2:
        return problems
    names = {side: m.get("package", {}).get("name") for side, m in manifests.items()}
    if names["starter"] != names["solution"]:
        problems.append(
            f"{where}: the starter is package {names['starter']!r} but the "
            f"solution is {names['solution']!r}; the test file imports one name"
        )
    if not (exercise.starter / TEST_FILE).is_file():
        problems.append(f"{where}: the starter has no {TEST_FILE}")
    targets = manifests["solution"].get("test", [])
    paths = [
        (exercise.solution / target.get("path", "")).resolve() for target in targets
    ]
    if paths != [(exercise.starter / TEST_FILE).resolve()]:
        problems.append(
            f"{where}: the solution's one [[test]] target must be the starter's "
            f'{TEST_FILE} (path = "../../{exercise.name}/{TEST_FILE}")'
        )
    if (exercise.solution / "tests").exists():
        problems.append(
            f"{where}: the solution has a tests/ folder; its tests are the starter's"
        )
    return problems


@dataclass
class Cargo:
    """Runs cargo in one crate, with a target folder of its own."""

    crate: Path
    target: Path

    def run(
        self,
        *arguments: str,
        rustflags: str = "",
        extra_env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        environment = dict(
            os.environ,
            **(extra_env or {}),
            RUSTFLAGS=rustflags,
            CARGO_TARGET_DIR=str(self.target),
            CARGO_TERM_COLOR="never",
            # No debug info: faster builds, and the same panic locations.
            CARGO_PROFILE_DEV_DEBUG="0",
            RUST_BACKTRACE="0",
        )
        environment.pop("RUST_TEST_THREADS", None)
        try:
            return subprocess.run(
                ["cargo", *arguments],
                cwd=self.crate,
                env=environment,
                capture_output=True,
                text=True,
                timeout=CARGO_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return subprocess.CompletedProcess(
                ["cargo", *arguments], 1, "", f"still running after {CARGO_TIMEOUT} s"
            )


def _lint(cargo: Cargo, where: str, *, clippy: bool) -> list[str]:
    problems = []
    fmt = cargo.run("fmt", "--check")
    if fmt.returncode != 0:
        problems.append(f"{where} is not formatted (cargo fmt):\n{fmt.stdout}")
    if not clippy:
        return problems
    linted = cargo.run("clippy", "--quiet", "--all-targets", "--", "-D", "warnings")
    if linted.returncode != 0:
        problems.append(
            f"{where} does not compile warning-free (cargo clippy --all-targets "
            f"-D warnings):\n{linted.stderr}"
        )
    return problems


@dataclass
class Verdict:
    """What checking one exercise found: lines proving it, or problems."""

    exercise: Exercise
    proofs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check_exercise(exercise: Exercise, *, bless: bool = False) -> Verdict:
    """Run every check of one exercise (see the module's docstring)."""
    verdict = Verdict(exercise)
    verdict.problems += layout_problems(exercise)
    if verdict.problems:
        return verdict
    where = exercise.where()
    target = exercise.root / "target" / exercise.name
    starter = Cargo(exercise.starter, target / "starter")
    solution = Cargo(exercise.solution, target / "solution")
    test_command = ("test", "--test", "grading", "--", "--test-threads=1")

    # The starter's code is the solution's, but for the todo!()s, and its tests
    # are the solution's: clippy on the solution covers both. The starter must
    # still build with no warning, which is all its reader would see.
    verdict.problems += _lint(starter, f"{where} (starter)", clippy=False)
    tried = starter.run(*test_command, rustflags="-D warnings")
    if tried.returncode == 0:
        verdict.problems.append(f"{where}: the starter passes its tests")
    starter_run = parse_libtest(tried.stdout)
    if not starter_run.outcomes and tried.returncode != 0:
        verdict.problems.append(
            f"{where}: the starter's tests did not run:\n{tried.stderr}"
        )
    else:
        found = starter_problems(exercise, starter_run)
        verdict.problems += found
        shown = normalise(tried.stdout)
        if bless:
            exercise.first_run.write_text(shown, encoding="utf-8")
        elif problem := first_run_problem(exercise, shown):
            verdict.problems.append(problem)
        if not found:
            count = len(starter_run.outcomes)
            verdict.proofs.append(
                f"{where}: starter: {count} of {count} tests fail, each on "
                f"todo!() in {TODO_FILE}; no warning, rustfmt clean"
            )

    verdict.problems += _lint(solution, f"{where} (solution)", clippy=True)
    solved = solution.run(*test_command)
    solution_run = parse_libtest(solved.stdout)
    failed = [
        name for name, outcome in solution_run.outcomes.items() if outcome != "ok"
    ]
    for name in failed:
        section = solution_run.sections.get(name, "").strip()
        verdict.problems.append(
            f"{where}: test `{name}` is {solution_run.outcomes[name]} on the "
            f"solution:\n{section}"
        )
    if not solution_run.outcomes:
        verdict.problems.append(
            f"{where}: the solution's tests did not run:\n{solved.stderr}"
        )
    elif set(solution_run.outcomes) != set(starter_run.outcomes):
        verdict.problems.append(
            f"{where}: the solution ran tests {sorted(solution_run.outcomes)}, the "
            f"starter {sorted(starter_run.outcomes)}"
        )
    elif not failed and solved.returncode == 0:
        count = len(solution_run.outcomes)
        verdict.proofs.append(
            f"{where}: solution: {count} of {count} tests pass; clippy -D warnings "
            "and rustfmt clean"
        )
    return verdict


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bless", action="store_true", help="rewrite first-run.txt")
    parser.add_argument("names", nargs="*", help="exercises to check (default: all)")
    options = parser.parse_args(argv)
    found = exercises()
    unknown = set(options.names) - {exercise.name for exercise in found}
    if unknown:
        print(f"no such exercise: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    chosen = [e for e in found if not options.names or e.name in options.names]
    if not chosen:
        print("exercises/ holds no exercise", file=sys.stderr)
        return 1
    # Two at a time: each runs cargo, which uses every core while it compiles.
    with ThreadPoolExecutor(max_workers=2) as pool:
        verdicts = list(
            pool.map(lambda e: check_exercise(e, bless=options.bless), chosen)
        )
    for verdict in verdicts:
        for line in verdict.proofs:
            print(line)
    problems = [problem for verdict in verdicts for problem in verdict.problems]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the exercises", file=sys.stderr)
        return 1
    print(
        f"{len(chosen)} exercises: each starter fails on todo!(), each solution passes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
