"""The Rust listings under ``snippets/``: finding them, running them, compiling them.

Runnable listings are the binaries ``snippets/src/bin/<name>/main.rs``; each has one
expected-output file beside it. Compile-fail listings are
``snippets/compile_fail/<name>/main.rs``; each declares on its first line the error code
it must fail with (``// compile-fail: E0373``) and has the compiler's message beside it
in ``expected.stderr``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .expected import SNIPPETS, UNORDERED_NAME, Expected

RUN_TIMEOUT_SECONDS = 10
COMPILE_TIMEOUT_SECONDS = 60
ORDERED_NAME = "output.txt"
STDERR_NAME = "expected.stderr"
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


def display(path: Path) -> str:
    return str(path.relative_to(SNIPPETS.parent))


def runnable_listings() -> list[RunnableListing]:
    return [
        RunnableListing(path.parent.name, path.parent)
        for path in sorted((SNIPPETS / "src" / "bin").glob("*/main.rs"))
    ]


def compile_fail_listings() -> list[CompileFailListing]:
    return [
        CompileFailListing(path.parent.name, path.parent)
        for path in sorted((SNIPPETS / "compile_fail").glob("*/main.rs"))
    ]


def build_all() -> Path:
    """Build every runnable listing in one cargo run; return the binaries' folder."""
    command = ["cargo", "build", "--bins", "--quiet", "--message-format=short"]
    result = subprocess.run(
        command, cwd=SNIPPETS, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise ListingError(
            f"`{' '.join(command)}` in snippets/ failed:\n{result.stderr}"
        )
    return SNIPPETS / "target" / "debug"


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


def compile_alone(listing: CompileFailListing) -> subprocess.CompletedProcess[str]:
    """Compile one listing as ``src/main.rs`` of an empty crate, as a reader would."""
    with tempfile.TemporaryDirectory(prefix="compile-fail-") as scratch:
        root = Path(scratch)
        (root / "src").mkdir()
        shutil.copyfile(listing.source, root / "src" / "main.rs")
        return subprocess.run(
            [
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
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=COMPILE_TIMEOUT_SECONDS,
            check=False,
        )
