"""The Rust exercises' download (tools/site_extensions/exercises_archive.py)."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from site_extensions.exercises_archive import (
    ARCHIVE_NAME,
    archive_problems,
    archived_files,
    build_archive,
    ensure_archive,
    starters,
)
from site_extensions.wheel import DOWNLOADS


def _tree(root: Path) -> Path:
    """A small exercises/ folder, with what the archive must leave out."""
    files = {
        "README.md": "# exercises\n",
        "rustfmt.toml": "max_width = 70\n",
        ".gitignore": "target/\n",
        "support/deadline.rs": "// limit\n",
        "ring/Cargo.toml": "[package]\n",
        "ring/src/lib.rs": "todo!()\n",
        "ring/tests/grading.rs": "// tests\n",
        "ring/first-run.txt": "running 1 test\n",
        "ring/Cargo.lock": "# lock\n",
        "ring/target/debug/ring": "binary",
        "solutions/ring/Cargo.toml": "[package]\n",
        "solutions/ring/src/lib.rs": "// the answer\n",
        "target/ring/starter/x": "binary",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _names(archive: bytes) -> list[str]:
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        return tar.getnames()


def test_holds_the_starters_and_nothing_else(tmp_path: Path) -> None:
    exercises = _tree(tmp_path / "exercises")
    assert starters(exercises) == ["ring"]
    assert _names(build_archive(exercises)) == [
        "rust-exercises/.gitignore",
        "rust-exercises/README.md",
        "rust-exercises/ring/Cargo.toml",
        "rust-exercises/ring/src/lib.rs",
        "rust-exercises/ring/tests/grading.rs",
        "rust-exercises/rustfmt.toml",
        "rust-exercises/support/deadline.rs",
    ]


def test_the_same_files_give_the_same_bytes(tmp_path: Path) -> None:
    exercises = _tree(tmp_path / "exercises")
    first = build_archive(exercises)
    (exercises / "ring/src/lib.rs").touch()
    assert build_archive(exercises) == first
    (exercises / "ring/src/lib.rs").write_text("fn answer() {}\n", encoding="utf-8")
    assert build_archive(exercises) != first


def test_a_missing_shared_file_is_named(tmp_path: Path) -> None:
    exercises = _tree(tmp_path / "exercises")
    (exercises / "rustfmt.toml").unlink()
    with pytest.raises(FileNotFoundError, match=r"rustfmt\.toml"):
        archived_files(exercises)


def test_the_repository_archive_holds_every_starter() -> None:
    names = _names(build_archive())
    for name in starters():
        assert f"rust-exercises/{name}/src/lib.rs" in names
        assert f"rust-exercises/{name}/tests/grading.rs" in names
    assert not [name for name in names if "solutions" in name or "target" in name]


def test_ensure_writes_into_downloads(tmp_path: Path) -> None:
    written = ensure_archive(tmp_path)
    assert written == tmp_path / DOWNLOADS / ARCHIVE_NAME
    assert written.read_bytes() == build_archive()


def test_a_built_site_without_the_archive_is_refused(tmp_path: Path) -> None:
    exercises = _tree(tmp_path / "exercises")
    site = tmp_path / "site"
    assert archive_problems(site, exercises) == [
        f"{site / DOWNLOADS / ARCHIVE_NAME} is missing: the site offers no "
        "exercises to download"
    ]


def test_a_site_archive_with_a_solution_or_a_missing_starter_is_refused(
    tmp_path: Path,
) -> None:
    exercises = _tree(tmp_path / "exercises")
    site = tmp_path / "site"
    (site / DOWNLOADS).mkdir(parents=True)
    archive = site / DOWNLOADS / ARCHIVE_NAME
    archive.write_bytes(build_archive(exercises))
    assert archive_problems(site, exercises) == []

    content = io.BytesIO()
    with tarfile.open(fileobj=content, mode="w:gz") as tar:
        entry = tarfile.TarInfo("rust-exercises/solutions/ring/src/lib.rs")
        tar.addfile(entry, io.BytesIO(b""))
    archive.write_bytes(content.getvalue())
    problems = archive_problems(site, exercises)
    assert problems[0] == (
        f"{archive}: rust-exercises/solutions/ring/src/lib.rs does not belong in it"
    )
    assert f"{archive} lacks rust-exercises/ring/src/lib.rs" in problems


def test_a_stale_site_archive_is_refused(tmp_path: Path) -> None:
    exercises = _tree(tmp_path / "exercises")
    site = tmp_path / "site"
    (site / DOWNLOADS).mkdir(parents=True)
    (site / DOWNLOADS / ARCHIVE_NAME).write_bytes(build_archive(exercises))
    (exercises / "ring/src/lib.rs").write_text("// changed\n", encoding="utf-8")
    assert archive_problems(site, exercises) == [
        f"{site / DOWNLOADS / ARCHIVE_NAME} is not the archive exercises/ builds now"
    ]
