"""The Rust listings under ``snippets/``: finding them, running them, compiling them.

Runnable listings are the binaries ``snippets/src/bin/<name>/main.rs``; each has one
expected-output file beside it. Compile-fail listings are
``snippets/compile_fail/<name>/main.rs``; each declares on its first line the error code
it must fail with (``// compile-fail: E0373``), or for an error rustc gives no code, its
message in quotes (``// compile-fail: "future cannot be sent between threads safely"``),
and has the compiler's message beside it in ``expected.stderr``.

A compile-fail listing is compiled by bare rustc, as the one file of a new crate. One
that names a crate the package depends on (``tokio::``, ``use rayon``) gets that crate
as cargo would pass it, ``--extern`` with the metadata ``cargo check`` built in the
package's target directory; a std-only listing gets none. rustc names a dependency's
source files by where cargo unpacked them, which depends on the machine (its cargo
home), so that folder is written ``$CARGO_REGISTRY`` in the stderr kept and compared;
nothing else of rustc's message is rewritten.

A runnable listing runs several times at once: plainly, and with each thread it spawns
started after a random delay (``shuffled_start.c``, preloaded), so that output whose
line order depends on scheduling differs between runs and fails an ordered comparison.
Running every listing and compiling every compile-fail listing takes seconds, and
almost always reproduces what the previous check saw. So what a run printed is kept in
the cargo target directory (``snippets/target/listing-runs/``: ignored by git, wiped by
``cargo clean``), under a key that covers everything the result depends on:

- a runnable listing's stdouts (every run's, never one run's) are keyed on the SHA-256
  of the binary's bytes (any change to the listing, to its dependencies, to the
  compiler or to the build settings that changes the program changes those bytes), of
  its expected-output file and of the thread-start shuffler;
- a compile-fail listing's exit status and stderr are keyed on its source, its
  ``expected.stderr``, the complete rustc command line (which names each crate's
  metadata file, whose name cargo derives from the crate's version, features and
  compiler), ``Cargo.lock`` and ``rustc -vV`` (the compiler's exact version, commit
  and host).

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
import time
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .expected import COUNTS_NAME, SNIPPETS, UNORDERED_NAME, Expected, from_file

RUN_TIMEOUT_SECONDS = 10
# How each listing is run: plain, and with each spawned thread's start delayed at
# random (a preloaded library, shuffled_start.c), all runs at once. A listing whose
# three threads print as they finish printed the expected order in about one
# shuffled run in four (78 of 300) and nine plain runs in ten, so four shuffled runs
# and a plain one all print it about once in 250 tries.
PLAIN_RUNS = 1
SHUFFLED_RUNS = 4
SHUFFLED_START_SOURCE = "shuffled_start.c"
COMPILE_TIMEOUT_SECONDS = 60
ORDERED_NAME = "output.txt"
STDERR_NAME = "expected.stderr"
CACHE_FORMAT = 2
CACHE_FOLDER = "listing-runs"
FRESH_VARIABLE = "LISTINGS_FRESH"
# Built without debug info and without incremental state: a listing's stdout does not
# depend on either, and the cold build of every listing takes half the time (linking
# debug info dominates it). Overflow checks and debug assertions stay as in `cargo run`.
# These settings give the binaries their own hashes, so a plain `cargo build` or `cargo
# run` in snippets/ neither rebuilds them nor is rebuilt by them. Every cargo command
# of the checks passes them, check and clippy too: the procedural macros and build
# scripts (syn, tokio's macros, libc's) are then compiled once for all of them.
BUILD_SETTINGS = (
    "--config",
    "profile.dev.debug=0",
    "--config",
    "profile.dev.incremental=false",
)
#: The listings' first check, which `checked_crates` repeats to read what it built.
CHECK_COMMAND = ("cargo", "check", "--bins", "--quiet", *BUILD_SETTINGS)
_DECLARATION = re.compile(
    r'^//\s*compile-fail:\s*(?:(?P<code>E\d{4})|"(?P<message>[^"]+)")\s*$'
)
# How rustc names a dependency's source files in a message, whatever the machine.
REGISTRY_PLACEHOLDER = "$CARGO_REGISTRY"
# A compile-fail listing is compiled as edition 2024 unless its second line names
# another edition, for a lesson on what an edition changed: `// edition: 2021`.
DEFAULT_EDITION = "2024"
_EDITION = re.compile(r"^//\s*edition:\s*(?P<edition>\S+)\s*$")
EDITIONS = ("2015", "2018", "2021", "2024")


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
            for name in (ORDERED_NAME, UNORDERED_NAME, COUNTS_NAME)
            if (self.directory / name).exists()
        ]
        if len(present) > 1:
            raise ListingError(
                f"{display(self.directory)} has "
                f"{' and '.join(path.name for path in present)}; keep the one that "
                "says how its output behaves"
            )
        if not present:
            raise ListingError(
                f"{display(self.directory)} has no {ORDERED_NAME}: write the expected "
                "output, or run `nox -s rust -- --bless` to record it"
            )
        return present[0]

    def expected(self) -> Expected:
        path = self.output_file()
        return from_file(path, display(path))


@dataclass(frozen=True)
class CompileFailListing:
    name: str
    directory: Path
    # The Cargo package whose dependencies the listing may use.
    package: Path = SNIPPETS

    @property
    def source(self) -> Path:
        return self.directory / "main.rs"

    @property
    def stderr_file(self) -> Path:
        return self.directory / STDERR_NAME

    def declared_error(self) -> DeclaredError:
        """The error line 1 names: a code, or a quoted message rustc gives no code."""
        first = self.source.read_text(encoding="utf-8").splitlines()[:1]
        match = _DECLARATION.match(first[0]) if first else None
        if not match:
            raise ListingError(
                f"{display(self.source)}, line 1: declare the error this listing must "
                "fail with, e.g. `// compile-fail: E0373` (or, for an error without "
                'a code, `// compile-fail: "its message"`)'
            )
        return DeclaredError(match["code"], match["message"])

    def crates(self, dependencies: Iterable[str]) -> list[str]:
        """The package's ``dependencies`` (crate names) that the source names."""
        source = self.source.read_text(encoding="utf-8")
        return [
            crate
            for crate in dependencies
            if re.search(rf"\b{re.escape(crate)}::", source)
        ]

    def declared_edition(self) -> str:
        """The edition named on line 2 (``// edition: 2021``), else 2024."""
        second = self.source.read_text(encoding="utf-8").splitlines()[1:2]
        match = _EDITION.match(second[0]) if second else None
        if not match:
            return DEFAULT_EDITION
        if match["edition"] not in EDITIONS:
            raise ListingError(
                f"{display(self.source)}, line 2: unknown edition "
                f"`{match['edition']}`; use one of {', '.join(EDITIONS)}"
            )
        return match["edition"]


@dataclass(frozen=True)
class DeclaredError:
    """The error a compile-fail listing must fail with: a code, or else a message."""

    code: str | None
    message: str | None

    def __str__(self) -> str:
        return self.code or f'"{self.message}"'

    def found_in(self, stderr: str) -> bool:
        if self.code:
            return self.code in error_codes(stderr)
        return f"error: {self.message}\n" in stderr


def error_codes(stderr: str) -> list[str]:
    """The error codes rustc's message names, sorted, each once."""
    return sorted(set(re.findall(r"error\[(E\d{4})\]", stderr)))


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
        CompileFailListing(path.parent.name, path.parent, snippets)
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
    lint = ["--", "-D", "warnings"]
    commands = [
        list(CHECK_COMMAND),
        ["cargo", "clippy", "--bins", "--quiet", *BUILD_SETTINGS, *lint],
        ["cargo", "fmt", "--check"],
        # The executables the runs need, built here rather than inside pytest's
        # per-test time limit: a first build compiles the crates the listings use.
        ["cargo", "build", "--bins", "--quiet", *BUILD_SETTINGS],
    ]
    # Test code (`#[cfg(test)]`) is linted too, but only where a listing has some:
    # `--all-targets` would compile every listing a second time.
    tested = [
        f"--bin={listing.name}"
        for listing in runnable_listings(snippets)
        if re.search(r"#\[(test|cfg\(test\))\]", listing.source.read_text("utf-8"))
    ]
    if tested:
        clippy = ["cargo", "clippy", "--profile=test", "--quiet", *BUILD_SETTINGS]
        commands.append([*clippy, *tested, *lint])
        # With the build's settings, the tests link the crates that build compiled
        # instead of compiling each of them once more.
        commands.append(["cargo", "test", "--quiet", *BUILD_SETTINGS, *tested])
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


def shuffled_start_library(snippets: Path = SNIPPETS) -> Path:
    """The preload library that delays each new thread's start by a random amount.

    Built once from ``shuffled_start.c`` (beside this module) with the C compiler that
    cargo links with, into the cargo target directory, named by the source's digest.
    """
    source = Path(__file__).with_name(SHUFFLED_START_SOURCE)
    digest = _file_digest(source)[:16]
    library = cache_root(snippets).parent / "shuffled-start" / f"{digest}.so"
    if library.is_file():
        return library
    library.parent.mkdir(parents=True, exist_ok=True)
    compiler = os.environ.get("CC", "cc")
    partial = library.with_suffix(f".{os.getpid()}.tmp")
    command = [compiler, "-shared", "-fPIC", "-O2", "-o", str(partial), str(source)]
    result = subprocess.run(
        [*command, "-ldl"], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise ListingError(
            f"cannot build the thread-start shuffler ({' '.join(command)}):\n"
            f"{result.stderr}"
        )
    partial.replace(library)
    return library


def _start(binary: Path, shuffled: Path | None) -> subprocess.Popen[str]:
    # A panic's backtrace goes to stderr, which is not compared; resolving it costs
    # a panicking listing most of a second when RUST_BACKTRACE is set around us.
    env = {**os.environ, "RUST_BACKTRACE": "0"}
    if shuffled is not None:
        env["LD_PRELOAD"] = str(shuffled)
    return subprocess.Popen(
        [binary],
        cwd=SNIPPETS,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(binary: Path, shuffled: Path | None = None) -> str:
    """Run one built listing and return its stdout; it must exit 0 in time."""
    return run_together(binary, [shuffled])[0]


def run_together(binary: Path, shuffles: Sequence[Path | None]) -> list[str]:
    """Run ``binary`` once per entry of ``shuffles``, all at once; their stdouts.

    An entry names the shuffler library to preload into that run, or is ``None``
    for a plain run. Every run must exit 0 within ``RUN_TIMEOUT_SECONDS``.
    """
    processes = [_start(binary, shuffled) for shuffled in shuffles]
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    outputs = []
    try:
        for number, process in enumerate(processes, start=1):
            remaining = max(deadline - time.monotonic(), 0.01)
            try:
                stdout, stderr = process.communicate(timeout=remaining)
            except subprocess.TimeoutExpired:
                raise ListingError(
                    f"{binary.name} still running after {RUN_TIMEOUT_SECONDS} s"
                ) from None
            if process.returncode != 0:
                raise ListingError(
                    f"{binary.name} exited with status {process.returncode} "
                    f"({describe_run(number)})\nstdout:\n{stdout}\nstderr:\n{stderr}"
                )
            outputs.append(stdout)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate()
    return outputs


def describe_run(number: int) -> str:
    """How run ``number`` (from 1) of a listing was perturbed."""
    if number <= PLAIN_RUNS:
        return f"run {number}, plain"
    return f"run {number}, each thread's start delayed at random"


def run_perturbed(
    listing: RunnableListing, binary: Path, cache: ResultCache
) -> tuple[list[str], bool]:
    """The stdouts of every run of ``binary``, and whether they were kept from before.

    ``PLAIN_RUNS`` plain runs and ``SHUFFLED_RUNS`` runs whose threads each start
    after a random delay run at the same time (loading the machine as well). Raises
    ``ListingError`` if a run fails; a failed run is never kept.
    """
    try:
        expected = listing.output_file().read_bytes()
    except ListingError:
        expected = b""
    shuffled = shuffled_start_library()
    shuffles = [None] * PLAIN_RUNS + [shuffled] * SHUFFLED_RUNS
    key = _key(
        "run", listing.name, _file_digest(binary), expected, _file_digest(shuffled)
    )
    kept = cache.get("run", listing.name, key)
    if kept is not None:
        outputs = kept.get("outputs")
        if (
            isinstance(outputs, list)
            and len(outputs) == len(shuffles)
            and all(isinstance(output, str) for output in outputs)
        ):
            return outputs, True
    outputs = run_together(binary, shuffles)
    cache.put("run", listing.name, key, {"outputs": outputs})
    return outputs, False


@functools.cache
def rustc_version() -> str:
    return subprocess.run(
        ["rustc", "-vV"], capture_output=True, text=True, check=True
    ).stdout


def dependency_names(snippets: Path = SNIPPETS) -> list[str]:
    """The crate names of the package's ``[dependencies]`` in Cargo.toml (none
    without a Cargo.toml)."""
    try:
        with (snippets / "Cargo.toml").open("rb") as handle:
            manifest = tomllib.load(handle)
    except FileNotFoundError:
        return []
    return sorted(name.replace("-", "_") for name in manifest.get("dependencies", {}))


@dataclass(frozen=True)
class CheckedCrates:
    """The package's dependencies as ``cargo check`` built them."""

    metadata: dict[str, Path]  # crate name: its .rmeta file
    registry_sources: tuple[Path, ...]  # where cargo unpacked each crate's source

    def rustc_arguments(self, crates: Iterable[str]) -> list[str]:
        """``--extern`` for each of ``crates``, and where their dependencies are."""
        arguments = []
        for crate in crates:
            arguments += ["--extern", f"{crate}={self.metadata[crate]}"]
        folders = sorted({str(path.parent) for path in self.metadata.values()})
        return [*arguments, *(f"-Ldependency={folder}" for folder in folders)]

    def machine_independent(self, stderr: str) -> str:
        """rustc's message, the registry's source folder written as a placeholder."""
        for folder in self.registry_sources:
            stderr = stderr.replace(f"{folder}/", f"{REGISTRY_PLACEHOLDER}/")
        return stderr


@functools.cache
def checked_crates(snippets: Path = SNIPPETS) -> CheckedCrates:
    """Check the package (`cargo check --bins`, as `nox -s rust` first does) and
    return what it built of each of its dependencies."""
    command = [*CHECK_COMMAND, "--message-format=json"]
    result = subprocess.run(
        command, cwd=snippets, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise ListingError(
            f"`{' '.join(command)}` in {display(snippets)}/ failed:\n{result.stderr}"
        )
    wanted = set(dependency_names(snippets))
    metadata: dict[str, Path] = {}
    sources = set()
    for line in result.stdout.splitlines():
        message = json.loads(line)
        if message.get("reason") != "compiler-artifact":
            continue
        if message["package_id"].startswith("registry+"):
            sources.add(Path(message["manifest_path"]).parent.parent)
        name = message["target"]["name"]
        if name not in wanted or "lib" not in message["target"]["kind"]:
            continue
        if name in metadata:
            raise ListingError(
                f"two crates named {name} in {display(snippets)}/Cargo.lock; a "
                "compile-fail listing could not say which it means"
            )
        found = [Path(file) for file in message["filenames"] if file.endswith(".rmeta")]
        metadata[name] = found[0]
    missing = wanted - metadata.keys()
    if missing:
        raise ListingError(f"`{' '.join(command)}` built no {', '.join(missing)}")
    return CheckedCrates(metadata, tuple(sorted(sources)))


def _listing_crates(listing: CompileFailListing) -> CheckedCrates | None:
    """What ``listing`` needs of the package's dependencies; None if it is std-only."""
    if not listing.crates(dependency_names(listing.package)):
        return None
    return checked_crates(listing.package)


def _lock_file(package: Path) -> bytes:
    lock = package / "Cargo.lock"
    return lock.read_bytes() if lock.exists() else b""


def _rustc_command(listing: CompileFailListing) -> list[str]:
    crates = _listing_crates(listing)
    externs = (
        []
        if crates is None
        else crates.rustc_arguments(listing.crates(crates.metadata))
    )
    return [
        "rustc",
        "--edition",
        listing.declared_edition(),
        "--crate-type",
        "bin",
        "--crate-name",
        listing.name,
        "--emit=metadata",
        "--color",
        "never",
        "--out-dir",
        "out",
        *externs,
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
    crates = _listing_crates(listing)
    stderr = (
        result.stderr if crates is None else crates.machine_independent(result.stderr)
    )
    return Compiled(result.returncode, stderr)


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
        _lock_file(listing.package),
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
    """Why a listing fails its check (``None`` if it passes), whether the result it
    was judged on was kept from an earlier run, and the file blessing rewrote."""

    failure: str | None
    kept: bool
    rewrote: Path | None = None


def verify_runnable(
    listing: RunnableListing, binary: Path, cache: ResultCache, *, bless: bool = False
) -> Verdict:
    """Run ``listing`` (or take its kept runs) and compare each run with its file.

    Blessing runs afresh and first rewrites the expected file with the plain run,
    unless the file already matches it as its kind compares (an unordered file
    whose lines only changed order, a counts file whose numbers only changed).
    """
    if bless:
        cache = ResultCache(cache.root, fresh=True)
    where = display(listing.source)
    try:
        outputs, kept = run_perturbed(listing, binary, cache)
    except ListingError as error:
        return Verdict(f"{where}: {error}", kept=False)
    rewrote = None
    if bless:
        try:
            target = listing.output_file()
        except ListingError:
            target = listing.directory / ORDERED_NAME
        unchanged = (
            target.exists()
            and from_file(target, display(target)).mismatch(outputs[0]) is None
        )
        if not unchanged:
            target.write_text(outputs[0], encoding="utf-8")
            rewrote = target
    try:
        expected = listing.expected()
    except ListingError as error:
        return Verdict(str(error), kept, rewrote)
    for number, output in enumerate(outputs, start=1):
        mismatch = expected.mismatch(output)
        varies = expected.unordered or expected.counts_vary
        if mismatch and not varies and len(set(outputs)) > 1:
            return Verdict(
                f"{where}: its runs printed different output, so its order is not "
                f"fixed; if that is by design, rename {ORDERED_NAME} to "
                f"output.unordered.txt and title the page's fence "
                f"'Output (order varies)'.\n({describe_run(number)}) {mismatch}",
                kept,
                rewrote,
            )
        if mismatch:
            return Verdict(
                f"{where} ({describe_run(number)}): {mismatch}", kept, rewrote
            )
    return Verdict(None, kept, rewrote)


def verify_compile_fail(
    listing: CompileFailListing, cache: ResultCache, *, bless: bool = False
) -> Verdict:
    """Compile ``listing`` alone (or take the kept result): it must fail as declared.

    Blessing compiles afresh and rewrites ``expected.stderr`` with rustc's message.
    """
    if bless:
        cache = ResultCache(cache.root, fresh=True)
    declared = listing.declared_error()
    result, kept = compile_kept(listing, cache)
    where = display(listing.source)
    if result.returncode == 0:
        return Verdict(
            f"{where} compiles, but it is declared to fail with {declared}", kept
        )
    if not declared.found_in(result.stderr):
        found = ", ".join(error_codes(result.stderr)) or "none"
        return Verdict(
            f"{where} fails, but not with {declared} (error codes: {found})"
            f"\n{result.stderr}",
            kept,
        )
    rewrote = None
    if bless and (
        not listing.stderr_file.exists()
        or listing.stderr_file.read_text(encoding="utf-8") != result.stderr
    ):
        listing.stderr_file.write_text(result.stderr, encoding="utf-8")
        rewrote = listing.stderr_file
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
        return Verdict(f"{where}: compiler message {mismatch}", kept, rewrote)
    return Verdict(None, kept, rewrote)
