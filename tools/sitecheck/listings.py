"""The Rust listings under ``snippets/``: finding them, running them, compiling them.

Runnable listings are the binaries ``snippets/src/bin/<name>/main.rs``; each has one
expected-output file beside it. Compile-fail listings are
``snippets/compile_fail/<name>/main.rs``; each declares on its first line the error code
it must fail with (``// compile-fail: E0373``) and has the compiler's message beside it
in ``expected.stderr``.

Running every listing twice and compiling every compile-fail listing takes seconds, and
almost always reproduces what the previous check saw. So what a run printed is kept in
the cargo target directory (``snippets/target/listing-runs/``: ignored by git, wiped by
``cargo clean``), under a key that covers everything the result depends on:

- a runnable listing's two stdouts are keyed on the SHA-256 of the binary's bytes (any
  change to the listing, to its dependencies, to the compiler or to the build settings
  that changes the program changes those bytes) and of its expected-output file;
- a compile-fail listing's exit status and stderr are keyed on its source, its
  ``expected.stderr``, the complete rustc command line and ``rustc -vV`` (the compiler's
  exact version, commit and host).

A kept result is never a verdict: the test compares it with the expected file as it is
now, exactly as it compares a fresh result. Only a run that exited 0 in time is kept,
so a failing listing runs again every time. ``--bless`` and ``LISTINGS_FRESH=1`` ignore
what is kept (and store the fresh results).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .expected import SNIPPETS, UNORDERED_NAME, Expected

RUN_TIMEOUT_SECONDS = 10
COMPILE_TIMEOUT_SECONDS = 60
ORDERED_NAME = "output.txt"
STDERR_NAME = "expected.stderr"
CACHE_FORMAT = 1
CACHE_FOLDER = "listing-runs"
FRESH_VARIABLE = "LISTINGS_FRESH"
# Built without debug info and without incremental state: a listing's stdout does not
# depend on either, and the cold build of every listing takes half the time (linking
# debug info dominates it). Overflow checks and debug assertions stay as in `cargo run`.
# These settings give the binaries their own hashes, so a plain `cargo build` or `cargo
# run` in snippets/ neither rebuilds them nor is rebuilt by them.
BUILD_SETTINGS = (
    "--config",
    "profile.dev.debug=0",
    "--config",
    "profile.dev.incremental=false",
)
_DECLARATION = re.compile(r"^//\s*compile-fail:\s*(?P<code>E\d{4})\s*$")


class ListingError(Exception):
    """A listing that is malformed, or that did not do what its files say."""


@dataclass(frozen=True)
class RunnableListing:
    name: str
    directory: Path

    @property
    def source(self) -> Path:
        return self.directory / "main.rs"

    def output_file(self) -> Path:
        """The one expected-output file of this listing."""
        present = [
            self.directory / name
            for name in (ORDERED_NAME, UNORDERED_NAME)
            if (self.directory / name).exists()
        ]
        if len(present) == 2:
            raise ListingError(
                f"{display(self.directory)} has both {ORDERED_NAME} and "
                f"{UNORDERED_NAME}; keep the one that says how its output behaves"
            )
        if not present:
            raise ListingError(
                f"{display(self.directory)} has no {ORDERED_NAME}: write the expected "
                "output, or run `nox -s rust -- --bless` to record it"
            )
        return present[0]

    def expected(self) -> Expected:
        path = self.output_file()
        return Expected(
            path.read_text(encoding="utf-8"), display(path), path.name == UNORDERED_NAME
        )


@dataclass(frozen=True)
class CompileFailListing:
    name: str
    directory: Path

    @property
    def source(self) -> Path:
        return self.directory / "main.rs"

    @property
    def stderr_file(self) -> Path:
        return self.directory / STDERR_NAME

    def declared_code(self) -> str:
        first = self.source.read_text(encoding="utf-8").splitlines()[:1]
        match = _DECLARATION.match(first[0]) if first else None
        if not match:
            raise ListingError(
                f"{display(self.source)}, line 1: declare the error this listing must "
                "fail with, e.g. `// compile-fail: E0373`"
            )
        return match["code"]


@dataclass(frozen=True)
class Compiled:
    """What rustc did with a compile-fail listing."""

    returncode: int
    stderr: str


def display(path: Path) -> str:
    try:
        return str(path.relative_to(SNIPPETS.parent))
    except ValueError:
        return str(path)


def runnable_listings(snippets: Path = SNIPPETS) -> list[RunnableListing]:
    return [
        RunnableListing(path.parent.name, path.parent)
        for path in sorted((snippets / "src" / "bin").glob("*/main.rs"))
    ]


def compile_fail_listings(snippets: Path = SNIPPETS) -> list[CompileFailListing]:
    return [
        CompileFailListing(path.parent.name, path.parent)
        for path in sorted((snippets / "compile_fail").glob("*/main.rs"))
    ]


# pytest's options for the listings' tests. They use no Hypothesis, and loading its
# plugin is half of pytest's start-up time.
PYTEST_OPTIONS = ("-p", "no:hypothesispytest")
# pytest's arguments (from the repository root) that check every listing.
PYTEST_ARGUMENTS = (*PYTEST_OPTIONS, "tests/listings")


def cargo_checks(snippets: Path = SNIPPETS) -> list[list[str]]:
    """The commands, run in ``snippets/``, that check the listings before they run.

    `nox -s rust` runs these, then pytest with ``PYTEST_ARGUMENTS`` (or a selection);
    tools/rustdoc_compare.py times the same sequence.
    """
    commands = [
        ["cargo", "check", "--bins", "--quiet"],
        ["cargo", "clippy", "--bins", "--quiet", "--", "-D", "warnings"],
        ["cargo", "fmt", "--check"],
    ]
    tested = [
        f"--bin={listing.name}"
        for listing in runnable_listings(snippets)
        if "#[test]" in listing.source.read_text(encoding="utf-8")
    ]
    if tested:
        commands.append(["cargo", "test", "--quiet", *tested])
    compile_fail = [
        str(listing.source.relative_to(snippets))
        for listing in compile_fail_listings(snippets)
    ]
    if compile_fail:
        commands.append(["rustfmt", "--check", "--edition", "2024", *compile_fail])
    return commands


def build(
    names: Iterable[str] | None = None,
    snippets: Path = SNIPPETS,
    target_dir: Path | None = None,
) -> dict[str, Path]:
    """Build the named listings (all of them for ``None``) in one cargo run.

    Returns each built listing's executable, as cargo reports it. ``target_dir``
    overrides the cargo target directory (a scratch package needs its own).
    """
    env = (
        None
        if target_dir is None
        else {**os.environ, "CARGO_TARGET_DIR": str(target_dir)}
    )
    selected = ["--bins"] if names is None else [f"--bin={name}" for name in names]
    command = [
        "cargo",
        "build",
        *selected,
        *BUILD_SETTINGS,
        "--quiet",
        "--message-format=json-diagnostic-short",
    ]
    result = subprocess.run(
        command, cwd=snippets, env=env, capture_output=True, text=True, check=False
    )
    messages = [json.loads(line) for line in result.stdout.splitlines() if line]
    if result.returncode != 0:
        diagnostics = "".join(
            message["message"]["rendered"]
            for message in messages
            if message.get("reason") == "compiler-message"
        )
        raise ListingError(
            f"`{' '.join(command)}` in {display(snippets)}/ failed:\n"
            f"{diagnostics}{result.stderr}"
        )
    return {
        message["target"]["name"]: Path(message["executable"])
        for message in messages
        if message.get("reason") == "compiler-artifact" and message.get("executable")
    }


@functools.cache
def cache_root(snippets: Path = SNIPPETS) -> Path:
    """Where kept results live: a folder of the package's cargo target directory."""
    result = subprocess.run(
        ["cargo", "metadata", "--no-deps", "--format-version=1", "--offline"],
        cwd=snippets,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(json.loads(result.stdout)["target_directory"]) / CACHE_FOLDER


class ResultCache:
    """Results of earlier runs, one JSON file per listing, each with its key."""

    def __init__(self, root: Path, *, fresh: bool | None = None) -> None:
        """``fresh`` ignores what is kept; by default, when LISTINGS_FRESH is set."""
        self.root = root
        if fresh is None:
            fresh = os.environ.get(FRESH_VARIABLE, "") not in ("", "0")
        self.fresh = fresh

    def get(self, kind: str, name: str, key: str) -> dict[str, object] | None:
        if self.fresh:
            return None
        try:
            kept = json.loads((self.root / kind / f"{name}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(kept, dict) or kept.get("key") != key:
            return None
        result = kept.get("result")
        return result if isinstance(result, dict) else None

    def put(self, kind: str, name: str, key: str, result: dict[str, object]) -> None:
        folder = self.root / kind
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False
        ) as handle:
            json.dump({"key": key, "result": result}, handle)
        Path(handle.name).replace(folder / f"{name}.json")


def _key(*parts: bytes | str) -> str:
    digest = hashlib.sha256(f"listing-runs {CACHE_FORMAT}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def run(binary: Path) -> str:
    """Run one built listing and return its stdout; it must exit 0 in time."""
    try:
        result = subprocess.run(
            [binary],
            cwd=SNIPPETS,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ListingError(
            f"{binary.name} still running after {RUN_TIMEOUT_SECONDS} s"
        ) from None
    if result.returncode != 0:
        raise ListingError(
            f"{binary.name} exited with status {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return result.stdout


def run_twice(
    listing: RunnableListing, binary: Path, cache: ResultCache
) -> tuple[str, str, bool]:
    """The stdout of two runs of ``binary``, and whether they were kept from before.

    Raises ``ListingError`` if a run fails; a failed run is never kept.
    """
    try:
        expected = listing.output_file().read_bytes()
    except ListingError:
        expected = b""
    key = _key("run", listing.name, _file_digest(binary), expected)
    kept = cache.get("run", listing.name, key)
    if kept is not None:
        first, second = kept.get("first"), kept.get("second")
        if isinstance(first, str) and isinstance(second, str):
            return first, second, True
    first = run(binary)
    second = run(binary)
    cache.put("run", listing.name, key, {"first": first, "second": second})
    return first, second, False


@functools.cache
def rustc_version() -> str:
    return subprocess.run(
        ["rustc", "-vV"], capture_output=True, text=True, check=True
    ).stdout


def _rustc_command(listing: CompileFailListing) -> list[str]:
    return [
        "rustc",
        "--edition",
        "2024",
        "--crate-type",
        "bin",
        "--crate-name",
        listing.name,
        "--emit=metadata",
        "--color",
        "never",
        "--out-dir",
        "out",
        "src/main.rs",
    ]


def compile_alone(listing: CompileFailListing) -> Compiled:
    """Compile one listing as ``src/main.rs`` of an empty crate, as a reader would."""
    with tempfile.TemporaryDirectory(prefix="compile-fail-") as scratch:
        root = Path(scratch)
        (root / "src").mkdir()
        shutil.copyfile(listing.source, root / "src" / "main.rs")
        result = subprocess.run(
            _rustc_command(listing),
            cwd=root,
            capture_output=True,
            text=True,
            timeout=COMPILE_TIMEOUT_SECONDS,
            check=False,
        )
    return Compiled(result.returncode, result.stderr)


def compile_kept(
    listing: CompileFailListing, cache: ResultCache
) -> tuple[Compiled, bool]:
    """What rustc does with ``listing``, and whether it was kept from before."""
    expected = listing.stderr_file.read_bytes() if listing.stderr_file.exists() else b""
    key = _key(
        "compile-fail",
        listing.name,
        listing.source.read_bytes(),
        expected,
        "\0".join(_rustc_command(listing)),
        rustc_version(),
    )
    kept = cache.get("compile-fail", listing.name, key)
    if kept is not None:
        returncode, stderr = kept.get("returncode"), kept.get("stderr")
        if isinstance(returncode, int) and isinstance(stderr, str):
            return Compiled(returncode, stderr), True
    compiled = compile_alone(listing)
    cache.put(
        "compile-fail",
        listing.name,
        key,
        {"returncode": compiled.returncode, "stderr": compiled.stderr},
    )
    return compiled, False


@dataclass(frozen=True)
class Verdict:
    """Why a listing fails its check (``None`` if it passes), and whether the result
    it was judged on was kept from an earlier run."""

    failure: str | None
    kept: bool


def verify_runnable(
    listing: RunnableListing, binary: Path, cache: ResultCache, *, bless: bool = False
) -> Verdict:
    """Run ``listing`` twice (or take its kept runs) and compare with its expected file.

    Blessing runs afresh and first rewrites the expected file with the first run.
    """
    if bless:
        cache = ResultCache(cache.root, fresh=True)
    where = display(listing.source)
    try:
        first, second, kept = run_twice(listing, binary, cache)
    except ListingError as error:
        return Verdict(f"{where}: {error}", kept=False)
    if bless:
        try:
            target = listing.output_file()
        except ListingError:
            target = listing.directory / ORDERED_NAME
        target.write_text(first, encoding="utf-8")
    try:
        expected = listing.expected()
    except ListingError as error:
        return Verdict(str(error), kept)
    for attempt, output in (("first", first), ("second", second)):
        mismatch = expected.mismatch(output)
        if mismatch and not expected.unordered and first != second:
            return Verdict(
                f"{where}: two runs printed different output, so its order is not "
                f"fixed; if that is by design, rename {ORDERED_NAME} to "
                f"output.unordered.txt and title the page's fence "
                f"'Output (order varies)'.\n{mismatch}",
                kept,
            )
        if mismatch:
            return Verdict(f"{where} ({attempt} run): {mismatch}", kept)
    return Verdict(None, kept)


def verify_compile_fail(
    listing: CompileFailListing, cache: ResultCache, *, bless: bool = False
) -> Verdict:
    """Compile ``listing`` alone (or take the kept result): it must fail as declared.

    Blessing compiles afresh and rewrites ``expected.stderr`` with rustc's message.
    """
    if bless:
        cache = ResultCache(cache.root, fresh=True)
    code = listing.declared_code()
    result, kept = compile_kept(listing, cache)
    where = display(listing.source)
    if result.returncode == 0:
        return Verdict(
            f"{where} compiles, but it is declared to fail with {code}", kept
        )
    found = sorted(set(re.findall(r"error\[(E\d{4})\]", result.stderr)))
    if code not in found:
        return Verdict(
            f"{where} fails, but not with {code} (errors: {', '.join(found) or 'none'})"
            f"\n{result.stderr}",
            kept,
        )
    if bless:
        listing.stderr_file.write_text(result.stderr, encoding="utf-8")
    if not listing.stderr_file.exists():
        return Verdict(
            f"{display(listing.stderr_file)} is missing: run `nox -s rust -- --bless`",
            kept,
        )
    expected = Expected(
        listing.stderr_file.read_text(encoding="utf-8"), display(listing.stderr_file)
    )
    mismatch = expected.mismatch(result.stderr)
    if mismatch:
        return Verdict(f"{where}: compiler message {mismatch}", kept)
    return Verdict(None, kept)
