"""Check the loom models in `loom/`, and what the memory-model page quotes from them.

`loom/` is a Cargo package of its own. `src/` holds the lessons' atomic patterns,
written against its `sync` module: std's threads and atomics in a normal build,
loom's under `--cfg loom`. `tests/models.rs` hands each pattern to loom, which runs
it once per interleaving it can reach; `tests/real_threads.rs` runs the same code on
the machine's threads. This module proves, with cargo:

- the package is rustfmt clean and `clippy --all-targets -D warnings` clean in both
  builds;
- on real threads (std's types, a release build) every test passes;
- under loom every test that is not ignored passes, and the line loom logs once it
  has run every interleaving of a model, `Completed in N iterations`, is the line
  `loom/expected/interleavings.txt` holds for that test;
- every ignored test is a bug that loom must find: it fails with a panic, and its
  output (loom's log of the failing interleaving and the panic) is
  `loom/expected/NAME.txt`.

The loom build is a debug one: the models run in well under a second either way,
and it compiles loom's dependencies in about half the time of a release build.
Outputs are normalised as the exercises' are (`sitecheck.exercises.normalise`): the
operating system's thread id in libtest's `thread 'NAME' (ID) panicked` line and
libtest's durations become placeholders. loom's own thread numbers (0 for the
model's main thread, then 1, 2, ... in spawn order) are the same in every run.

`python -m sitecheck.loom_models [--bless]` (with `tools/` on the path) runs the
checks; `--bless` rewrites `loom/expected/` from the runs.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .exercises import Cargo, normalise, parse_libtest
from .expected import ROOT, from_file

PACKAGE = ROOT / "loom"
EXPECTED = PACKAGE / "expected"
INTERLEAVINGS = "interleavings.txt"
MODELS = "models"
LOOM_FLAGS = "--cfg loom"
#: loom logs this, at level INFO from its `loom::model` module, once a model has
#: run every interleaving it explores.
COMPLETED = re.compile(r"^\s*INFO loom::model: Completed in \d+ iterations$", re.M)
#: For an expected failure: loom's INFO log, which names each thread switch of
#: every interleaving it ran, up to the failing one.
FAILURE_LOG = "info"
CLIPPY = ("clippy", "--locked", "--quiet", "--all-targets", "--", "-D", "warnings")
_PANICKED = re.compile(r"^thread '[^']*'(?: \([^)]*\))? panicked at ", re.M)


@dataclass
class Report:
    """What the checks proved, one line each, and what they found wrong."""

    proofs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def completed_line(name: str, stdout: str) -> str | None:
    """The interleavings line for test `name`, from its `--nocapture` run."""
    found = COMPLETED.findall(stdout)
    if len(found) != 1:
        return None
    return f"{name}: {found[0].strip()}"


def expected_failure_problem(name: str, stdout: str, returncode: int) -> str | None:
    """Why an expected failure's run is not the failure loom must report, or None."""
    run = parse_libtest(stdout)
    outcome = run.outcomes.get(name)
    if outcome is None:
        return f"loom test `{name}` did not run:\n{stdout}"
    if outcome != "FAILED" or returncode == 0:
        return (
            f"loom test `{name}` is {outcome}, but it is ignored as a bug loom "
            "finds: loom no longer reports it, so the page's quote of its failure "
            "is not what loom says"
        )
    if not _PANICKED.search(run.sections.get(name, "")):
        return f"loom test `{name}` failed without a panic:\n{stdout}"
    return None


def compare(path: Path, actual: str, *, bless: bool) -> str | None:
    """Compare `actual` with the file at `path` (or write it, blessing)."""
    if bless:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return None
    if not path.is_file():
        return f"{shown(path)} is missing: run `nox -s loom -- --bless` to write it"
    mismatch = from_file(path, shown(path)).mismatch(actual)
    return None if mismatch is None else f"{shown(path)}:\n{mismatch}"


def lint(report: Report, std: Cargo, loom: Cargo) -> None:
    fmt = std.run("fmt", "--check")
    if fmt.returncode != 0:
        report.problems.append(f"loom/ is not formatted (cargo fmt):\n{fmt.stdout}")
    for cargo, flags, build in [(std, "", "std"), (loom, LOOM_FLAGS, "loom")]:
        linted = cargo.run(*CLIPPY, rustflags=flags)
        if linted.returncode != 0:
            report.problems.append(
                f"loom/ ({build} build) is not clippy clean (cargo clippy "
                f"--all-targets -D warnings):\n{linted.stderr}"
            )
    if not report.problems:
        report.proofs.append(
            "loom/: rustfmt clean; clippy --all-targets -D warnings clean, with "
            "std's types and with loom's"
        )


def real_threads(report: Report, std: Cargo) -> None:
    ran = std.run("test", "--locked", "--release", "--", "--nocapture")
    outcomes = parse_libtest(ran.stdout).outcomes
    failed = [name for name, outcome in outcomes.items() if outcome != "ok"]
    if ran.returncode != 0 or failed or not outcomes:
        report.problems.append(
            f"loom/ on real threads: tests {failed or 'did not run'}:\n"
            f"{ran.stdout}\n{ran.stderr}"
        )
        return
    report.proofs.append(
        f"loom/ on real threads (release build): {len(outcomes)} of "
        f"{len(outcomes)} tests pass"
    )
    report.proofs += [
        f"  {line}" for line in ran.stdout.splitlines() if "stale reads" in line
    ]


def loom_tests(loom: Cargo) -> tuple[list[str], list[str]] | str:
    """The models' test names, (passing, ignored), or why they could not be listed."""
    built = loom.run(
        "test", "--locked", "--test", MODELS, "--no-run", rustflags=LOOM_FLAGS
    )
    if built.returncode != 0:
        return (
            f"loom/tests/{MODELS}.rs does not build with {LOOM_FLAGS}:\n{built.stderr}"
        )
    listing = []
    for only_ignored in (False, True):
        listed = loom.run(
            "test",
            "--locked",
            "--test",
            MODELS,
            "--",
            "--list",
            "--format=terse",
            *(["--ignored"] if only_ignored else []),
            rustflags=LOOM_FLAGS,
        )
        listing.append(
            [
                line.removesuffix(": test")
                for line in listed.stdout.splitlines()
                if line.endswith(": test")
            ]
        )
    everything, ignored = listing
    passing = [name for name in everything if name not in ignored]
    return passing, ignored


def run_model(
    loom: Cargo, name: str, *test_flags: str, log: str
) -> subprocess.CompletedProcess[str]:
    """Run the one model ``name`` under loom, logging with the filter ``log``."""
    return loom.run(
        "test",
        "--locked",
        "--test",
        MODELS,
        "--",
        "--exact",
        name,
        *test_flags,
        rustflags=LOOM_FLAGS,
        extra_env={"LOOM_LOG": log, "NO_COLOR": "1"},
    )


def models(report: Report, loom: Cargo, *, bless: bool) -> None:
    found = loom_tests(loom)
    if isinstance(found, str):
        report.problems.append(found)
        return
    passing, ignored = found
    if not passing:
        report.problems.append(f"loom/tests/{MODELS}.rs holds no model that passes")
    if not ignored:
        report.problems.append(
            f"loom/tests/{MODELS}.rs holds no ignored test: the bug loom finds is gone"
        )
    lines = []
    for name in passing:
        ran = run_model(loom, name, "--nocapture", log="loom::model=info")
        line = completed_line(name, ran.stdout)
        if ran.returncode != 0 or line is None:
            report.problems.append(
                f"loom model `{name}` failed, or logged no completion:\n"
                f"{ran.stdout}\n{ran.stderr}"
            )
            continue
        lines.append(line)
    if len(lines) == len(passing):
        actual = "".join(f"{line}\n" for line in lines)
        problem = compare(EXPECTED / INTERLEAVINGS, actual, bless=bless)
        if problem:
            report.problems.append(problem)
        else:
            report.proofs.append(f"loom/: {len(lines)} models pass under loom:")
            report.proofs += [f"  {line}" for line in lines]
    for name in ignored:
        ran = run_model(loom, name, "--ignored", log=FAILURE_LOG)
        problem = expected_failure_problem(name, ran.stdout, ran.returncode)
        if problem is None:
            section = parse_libtest(ran.stdout).sections[name]
            problem = compare(EXPECTED / f"{name}.txt", normalise(section), bless=bless)
        if problem:
            report.problems.append(problem)
        else:
            report.proofs.append(
                f"loom/: `{name}` fails under loom, as {shown(EXPECTED)}/{name}.txt "
                "says"
            )
    expected_files = {path.name for path in EXPECTED.glob("*.txt")}
    stray = expected_files - {INTERLEAVINGS} - {f"{name}.txt" for name in ignored}
    if stray:
        report.problems.append(
            f"{shown(EXPECTED)} holds files for no ignored test: {sorted(stray)}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bless", action="store_true", help="rewrite loom/expected/ from the runs"
    )
    options = parser.parse_args(argv)
    # loom reads its bounds (LOOM_MAX_PREEMPTIONS, ...) and its log level from the
    # environment: the counts and reports compared here are those of loom's defaults.
    for name in [name for name in os.environ if name.startswith("LOOM_")]:
        del os.environ[name]
    std = Cargo(PACKAGE, PACKAGE / "target" / "std")
    loom = Cargo(PACKAGE, PACKAGE / "target" / "loom")
    report = Report()
    lint(report, std, loom)
    real_threads(report, std)
    models(report, loom, bless=options.bless)
    for line in report.proofs:
        print(line)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} problem(s) in loom/", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
