"""A kept result never hides a change: edits to a copy of a listing are caught.

Each test copies a real listing into a scratch Cargo package, checks it (the result is
kept), checks it again (the kept result is used), then edits the listing or its
expected file the way a contributor would and requires the check to fail.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitecheck.expected import SNIPPETS
from sitecheck.listings import (
    CompileFailListing,
    ResultCache,
    RunnableListing,
    build,
    compile_fail_listings,
    runnable_listings,
    verify_compile_fail,
    verify_runnable,
)

RUNNABLE = "threads_spawn_join"
COMPILE_FAIL = "threads_borrow_local"


def copy_package(root: Path) -> Path:
    """A scratch copy of snippets/ holding one runnable and one compile-fail listing."""
    root.mkdir()
    for name in ("Cargo.toml", "Cargo.lock", "rustfmt.toml"):
        if (SNIPPETS / name).exists():
            shutil.copy(SNIPPETS / name, root / name)
    shutil.copytree(
        SNIPPETS / "src" / "bin" / RUNNABLE, root / "src" / "bin" / RUNNABLE
    )
    shutil.copytree(
        SNIPPETS / "compile_fail" / COMPILE_FAIL, root / "compile_fail" / COMPILE_FAIL
    )
    return root


@pytest.fixture(scope="module")
def pristine_binary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copied runnable listing, built once for the tests that do not edit it."""
    package = copy_package(tmp_path_factory.mktemp("pristine") / "snippets")
    return build(snippets=package, target_dir=package / "target")[RUNNABLE]


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "snippets")


@pytest.fixture
def cache(tmp_path: Path) -> ResultCache:
    return ResultCache(tmp_path / "kept", fresh=False)  # whatever LISTINGS_FRESH says


def rebuilt(package: Path) -> tuple[RunnableListing, Path]:
    """The package's runnable listing, built from its current source."""
    (listing,) = runnable_listings(package)
    built = build(snippets=package, target_dir=package / "target")
    return listing, built[listing.name]


@pytest.fixture
def unedited(package: Path, pristine_binary: Path) -> tuple[RunnableListing, Path]:
    """The package's runnable listing and its binary, as long as it is not edited."""
    (listing,) = runnable_listings(package)
    return listing, pristine_binary


def compile_fail(package: Path) -> CompileFailListing:
    (listing,) = compile_fail_listings(package)
    return listing


def check(
    listing: RunnableListing, binary: Path, cache: ResultCache
) -> tuple[bool, bool]:
    verdict = verify_runnable(listing, binary, cache)
    return verdict.failure is None, verdict.kept


def test_an_unchanged_listing_is_not_run_again(
    unedited: tuple[RunnableListing, Path], cache: ResultCache
) -> None:
    listing, binary = unedited
    assert check(listing, binary, cache) == (True, False)
    assert check(listing, binary, cache) == (True, True)


def test_an_edited_listing_runs_again_and_fails(
    unedited: tuple[RunnableListing, Path], cache: ResultCache
) -> None:
    listing, binary = unedited
    assert check(listing, binary, cache) == (True, False)
    source = listing.source.read_text(encoding="utf-8")
    edited = source.replace('println!("', 'println!("edited: ', 1)
    assert edited != source
    listing.source.write_text(edited, encoding="utf-8")
    listing, binary = rebuilt(listing.directory.parents[2])
    verdict = verify_runnable(listing, binary, cache)
    assert not verdict.kept
    assert verdict.failure
    assert "output differs" in verdict.failure
    assert "edited: " in verdict.failure


def test_an_edited_expected_output_fails(
    unedited: tuple[RunnableListing, Path], cache: ResultCache
) -> None:
    listing, binary = unedited
    assert check(listing, binary, cache) == (True, False)
    expected = listing.output_file()
    expected.write_text(
        expected.read_text(encoding="utf-8") + "one more line\n", encoding="utf-8"
    )
    verdict = verify_runnable(listing, binary, cache)
    assert verdict.failure
    assert "output differs" in verdict.failure


def test_kept_outputs_are_compared_with_the_expected_file(
    unedited: tuple[RunnableListing, Path], cache: ResultCache
) -> None:
    """Even under a matching key, what was kept is compared, not trusted."""
    listing, binary = unedited
    assert check(listing, binary, cache) == (True, False)
    (kept_file,) = (cache.root / "run").glob("*.json")
    kept = json.loads(kept_file.read_text(encoding="utf-8"))
    kept["result"]["second"] = "something else\n"
    kept_file.write_text(json.dumps(kept), encoding="utf-8")
    verdict = verify_runnable(listing, binary, cache)
    assert verdict.kept
    assert verdict.failure
    assert "two runs printed different output" in verdict.failure


def test_blessing_runs_afresh(
    unedited: tuple[RunnableListing, Path], cache: ResultCache
) -> None:
    listing, binary = unedited
    assert check(listing, binary, cache) == (True, False)
    verdict = verify_runnable(listing, binary, cache, bless=True)
    assert verdict == verdict.__class__(None, kept=False)


def test_a_compile_fail_listing_is_not_compiled_again(
    package: Path, cache: ResultCache
) -> None:
    listing = compile_fail(package)
    first = verify_compile_fail(listing, cache)
    second = verify_compile_fail(listing, cache)
    assert (first.failure, first.kept) == (None, False)
    assert (second.failure, second.kept) == (None, True)
    assert not verify_compile_fail(listing, cache, bless=True).kept


def test_a_fixed_compile_fail_listing_fails(package: Path, cache: ResultCache) -> None:
    listing = compile_fail(package)
    assert verify_compile_fail(listing, cache).failure is None
    source = listing.source.read_text(encoding="utf-8")
    fixed = source.replace("thread::spawn(|| {", "thread::spawn(move || {")
    assert fixed != source
    listing.source.write_text(fixed, encoding="utf-8")
    verdict = verify_compile_fail(listing, cache)
    assert not verdict.kept
    assert verdict.failure
    assert "compiles, but it is declared to fail" in verdict.failure


def test_an_edited_compiler_message_fails(package: Path, cache: ResultCache) -> None:
    listing = compile_fail(package)
    assert verify_compile_fail(listing, cache).failure is None
    listing.stderr_file.write_text(
        listing.stderr_file.read_text(encoding="utf-8").replace("closure", "lambda"),
        encoding="utf-8",
    )
    verdict = verify_compile_fail(listing, cache)
    assert verdict.failure
    assert "compiler message" in verdict.failure
