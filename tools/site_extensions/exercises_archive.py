"""The Rust exercises' starters as one download, `docs/downloads/rust-exercises.tar.gz`.

The archive holds what a reader needs to work offline with nothing but cargo:
`exercises/`'s README, rustfmt.toml and .gitignore, the grading tests' shared
`support/` module, and every starter crate (its Cargo.toml, `src/` and `tests/`),
under one folder, `rust-exercises/`, laid out as in the repository, so the tests'
`#[path = "../../support/deadline.rs"]` resolves in both. It holds no solution, no
`target/`, no `Cargo.lock` and no `first-run.txt`.

Like the `primitives` wheel (`site_extensions.wheel`), it is written into the docs
folder (ignored by git) before each build: by `hooks/exercises_archive.py` for
MkDocs, by `python -m site_extensions.exercises_archive` before a Zensical build.
Its bytes depend only on the files' paths and contents (fixed times, owners and
modes, sorted entries), so an unchanged tree rewrites nothing and `mkdocs serve`
does not rebuild in a loop.

`python -m site_extensions.exercises_archive --check SITE` checks a built site: the
archive is there, is the one the working tree builds, and holds each starter and
nothing it must not.
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
import tarfile
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath

from site_extensions import DOCS, ROOT
from site_extensions.wheel import DOWNLOADS

EXERCISES = ROOT / "exercises"
ARCHIVE_NAME = "rust-exercises.tar.gz"
TOP = "rust-exercises"
SHARED_FILES = ("README.md", "rustfmt.toml", ".gitignore")
SHARED_FOLDERS = ("support",)
STARTER_PARTS = ("Cargo.toml", "src", "tests")
NOT_STARTERS = frozenset({"solutions", "support", "target"})
#: What no archive entry may be or lie under.
FORBIDDEN = frozenset({"solutions", "target", "Cargo.lock", "first-run.txt"})
#: 2026-01-01T00:00:00Z: every entry's time, so the bytes do not depend on checkouts.
ENTRY_TIME = 1_767_225_600


def archive_uri() -> str:
    """Where the archive is in the site, relative to its root."""
    return f"{DOWNLOADS}/{ARCHIVE_NAME}"


def starters(exercises: Path = EXERCISES) -> list[str]:
    """The starter crates' folder names."""
    return sorted(
        manifest.parent.name
        for manifest in exercises.glob("*/Cargo.toml")
        if manifest.parent.name not in NOT_STARTERS
    )


def _files_under(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not FORBIDDEN & set(path.relative_to(folder).parts):
            yield path


def archived_files(exercises: Path = EXERCISES) -> list[Path]:
    """Every file the archive holds, as a path under `exercises`."""
    files = [exercises / name for name in SHARED_FILES]
    for folder in SHARED_FOLDERS:
        files += _files_under(exercises / folder)
    for name in starters(exercises):
        for part in STARTER_PARTS:
            path = exercises / name / part
            files += [path] if path.is_file() else _files_under(path)
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"the exercises archive needs {', '.join(missing)}")
    return sorted(files)


def build_archive(exercises: Path = EXERCISES) -> bytes:
    """The archive's bytes: the same for the same files, whenever it is built."""
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for path in archived_files(exercises):
            content = path.read_bytes()
            entry = tarfile.TarInfo(f"{TOP}/{path.relative_to(exercises).as_posix()}")
            entry.size = len(content)
            entry.mtime = ENTRY_TIME
            entry.mode = 0o644
            tar.addfile(entry, io.BytesIO(content))
    zipped = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=zipped, mtime=0) as stream:
        stream.write(tar_bytes.getvalue())
    return zipped.getvalue()


def ensure_archive(docs: Path = DOCS) -> Path:
    """Write the archive into `docs/downloads/` unless it is there already; its path."""
    folder = docs / DOWNLOADS
    folder.mkdir(exist_ok=True)
    target = folder / ARCHIVE_NAME
    content = build_archive()
    if not target.is_file() or target.read_bytes() != content:
        target.write_bytes(content)
    return target


def archive_problems(site: Path, exercises: Path = EXERCISES) -> list[str]:
    """Why the built site's archive is not what readers must get, one line each."""
    path = site / archive_uri()
    if not path.is_file():
        return [f"{path} is missing: the site offers no exercises to download"]
    with tarfile.open(path, mode="r:gz") as tar:
        names = set(tar.getnames())
    problems = [
        f"{path}: {name} does not belong in it"
        for name in sorted(names)
        if FORBIDDEN & set(PurePosixPath(name).parts) or not name.startswith(f"{TOP}/")
    ]
    needed = [f"{TOP}/support/deadline.rs"] + [
        f"{TOP}/{name}/{part}"
        for name in starters(exercises)
        for part in ("Cargo.toml", "src/lib.rs", "tests/grading.rs")
    ]
    problems += [f"{path} lacks {name}" for name in needed if name not in names]
    if not problems and path.read_bytes() != build_archive(exercises):
        problems.append(f"{path} is not the archive exercises/ builds now")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", metavar="SITE", type=Path, help="check a built site")
    options = parser.parse_args(argv)
    if options.check is None:
        print(ensure_archive().relative_to(ROOT))
        return 0
    problems = archive_problems(options.check)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{options.check / archive_uri()}: every starter, no solution")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
