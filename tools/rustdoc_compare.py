"""Time the listings' Rust verification against `rustdoc --test` on the same listings.

    nox -s rustdoc_compare
    nox -s rustdoc_compare -- --repeat 3
    .nox/rustdoc_compare/bin/python tools/rustdoc_compare.py   (pytest must be there)

Ours is what `nox -s rust` runs, without nox: the commands of
`sitecheck.listings.cargo_checks()` in snippets/ (cargo check, cargo clippy -D
warnings, cargo fmt --check, cargo test for listings with tests, rustfmt --check of
the compile-fail listings), then pytest on tests/listings (build, run each listing
five times and compare its stdout with its expected file; compile each compile-fail
listing alone and compare code and message). It runs with CARGO_TARGET_DIR set to a
new temporary folder, so the first run is cold (nothing compiled, no kept results) and
the next ones warm; "warm, fresh" is warm cargo with LISTINGS_FRESH=1 (every listing
run again); "one listing edited" is the contributor's loop: a warm run right after one
listing's `main` gained a statement (`std::hint::black_box(N);`, which changes the
program but not its output; the file is restored afterwards).

rustdoc's is the mechanism `mdbook test` uses: one Markdown file with every runnable
listing in a ```rust block and every compile-fail listing in a
```rust,compile_fail,E0xxx block, tested with `rustdoc --test --edition 2024`. It keeps
nothing between runs, so its cold and warm runs do the same work. It compiles the
runnable listings into one merged binary, runs each, and checks that it exits 0; it
checks that each compile-fail block fails to compile (stable rustdoc does not check the
error code). It does not lint, format-check or compare any output. The crates the
listings use are handed to it (`--extern`) as cargo built them for ours, so its figures
do not include compiling them.

Prints each figure and the ratios ours / rustdoc, cold and warm (below 1: ours faster).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sitecheck.listings import (
    BUILD_SETTINGS,
    FRESH_VARIABLE,
    PYTEST_ARGUMENTS,
    cargo_checks,
    compile_fail_listings,
    dependency_names,
    runnable_listings,
)

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = ROOT / "snippets"


def markdown() -> str:
    """Every listing as a fenced block that rustdoc --test understands."""
    parts = ["# Every listing\n"]
    for listing in runnable_listings():
        source = listing.source.read_text(encoding="utf-8")
        parts.append(f"## {listing.name}\n\n```rust\n{source}```\n")
    for listing in compile_fail_listings():
        source = listing.source.read_text(encoding="utf-8")
        code = listing.declared_error().code
        attributes = f"rust,compile_fail,{code}" if code else "rust,compile_fail"
        parts.append(f"## {listing.name}\n\n```{attributes}\n{source}```\n")
    return "\n".join(parts)


Steps = dict[str, float]


def timed(commands: list[tuple[list[str], Path]], env: dict[str, str]) -> Steps:
    """Run the commands one after another; return each one's wall time.

    Any failure aborts: a figure for checks that do not pass would mean nothing.
    """
    steps: Steps = {}
    for command, cwd in commands:
        start = time.perf_counter()
        result = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, check=False
        )
        label = (
            "pytest tests/listings" if "pytest" in command else " ".join(command[:2])
        )
        steps[label] = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(
                f"`{' '.join(command)}` failed in {cwd}:\n{result.stdout}"
                f"{result.stderr}"
            )
    return steps


def ours(target_dir: Path, *, fresh: bool = False) -> Steps:
    env = {**os.environ, "CARGO_TARGET_DIR": str(target_dir)}
    env.pop(FRESH_VARIABLE, None)
    if fresh:
        env[FRESH_VARIABLE] = "1"
    commands = [(command, SNIPPETS) for command in cargo_checks()]
    pytest = [sys.executable, "-m", "pytest", "-q", *PYTEST_ARGUMENTS]
    commands.append((pytest, ROOT))
    return timed(commands, env)


def edited_listing() -> Path:
    """The listing that "one listing edited" changes: the first one with a `main`."""
    for listing in runnable_listings():
        if "fn main() {\n" in listing.source.read_text(encoding="utf-8"):
            return listing.source
    sys.exit("no runnable listing has a plain `fn main() {` to edit")


def ours_after_edit(target_dir: Path, source: Path, mark: int) -> Steps:
    """A warm run after inserting a statement at the top of ``source``'s `main`."""
    original = source.read_text(encoding="utf-8")
    indent = " " * 4
    edited = original.replace(
        "fn main() {\n", f"fn main() {{\n{indent}std::hint::black_box({mark});\n", 1
    )
    try:
        source.write_text(edited, encoding="utf-8")
        return ours(target_dir)
    finally:
        source.write_text(original, encoding="utf-8")


def crate_arguments(target_dir: Path) -> list[str]:
    """``--extern`` and ``-L`` for the listings' crates, as cargo built them there.

    rustdoc compiles no crate of the registry (nor does `mdbook test`): it is given
    the libraries that cargo built, so its figures leave that compiling out.
    """
    target_dir = target_dir.resolve()
    env = {**os.environ, "CARGO_TARGET_DIR": str(target_dir)}
    command = ["cargo", "build", "--bins", "--quiet", *BUILD_SETTINGS]
    result = subprocess.run(
        [*command, "--message-format=json"],
        cwd=SNIPPETS,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wanted = set(dependency_names())
    arguments = []
    for line in result.stdout.splitlines():
        message = json.loads(line)
        if message.get("reason") != "compiler-artifact":
            continue
        if message["target"]["name"] in wanted:
            rlib = next(name for name in message["filenames"] if name.endswith(".rlib"))
            arguments += ["--extern", f"{message['target']['name']}={rlib}"]
    return [*arguments, "-L", f"dependency={target_dir / 'debug' / 'deps'}"]


def rustdoc(scratch: Path, crates: list[str]) -> Steps:
    command = ["rustdoc", "--test", "--edition", "2024", *crates, "listings.md"]
    return timed([(command, scratch)], dict(os.environ))


def median(measure: Callable[[], Steps], repeat: int) -> Steps:
    """Each step's median over `repeat` measurements (the total is their sum)."""
    runs = [measure() for _ in range(repeat)]
    return {step: statistics.median(run[step] for run in runs) for step in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per figure; medians are shown"
    )
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory(prefix="rustdoc-compare-") as folder:
        scratch = Path(folder)
        (scratch / "listings.md").write_text(markdown(), encoding="utf-8")
        runnable, failing = len(runnable_listings()), len(compile_fail_listings())
        print(f"{runnable} runnable and {failing} compile-fail listings")
        targets = iter(scratch / f"target-{number}" for number in range(repeat))
        figures = {"ours, cold": median(lambda: ours(next(targets)), repeat)}
        warm = scratch / f"target-{repeat - 1}"  # built by the last cold run
        figures["ours, warm"] = median(lambda: ours(warm), repeat)
        figures["ours, warm, fresh"] = median(lambda: ours(warm, fresh=True), repeat)
        source, marks = edited_listing(), iter(range(repeat))
        figures["ours, one listing edited"] = median(
            lambda: ours_after_edit(warm, source, next(marks)), repeat
        )
        ours(warm)  # builds the restored listing again, outside any figure
        crates = crate_arguments(warm)
        figures["rustdoc, cold"] = rustdoc(scratch, crates)  # its first run
        figures["rustdoc, warm"] = median(lambda: rustdoc(scratch, crates), repeat)
    totals = {name: sum(steps.values()) for name, steps in figures.items()}
    for name, steps in figures.items():
        print(f"{name:<26} {totals[name]:6.2f} s")
        if len(steps) > 1:
            for step, seconds in steps.items():
                print(f"    {step:<24} {seconds:6.2f} s")
    for kind in ("cold", "warm"):
        ratio = totals[f"ours, {kind}"] / totals[f"rustdoc, {kind}"]
        print(f"ratio ours/rustdoc, {kind}: {ratio:.2f}")
    for kind in ("warm, fresh", "one listing edited"):
        ratio = totals[f"ours, {kind}"] / totals["rustdoc, warm"]
        print(f"ratio ours/rustdoc, {kind}: {ratio:.2f}")


if __name__ == "__main__":
    main()
