"""A kept result never hides a change: edits to a copy of a listing are caught.

Each test copies a real listing into a scratch Cargo package, checks it (the result is
kept), checks it again (the kept result is used), then edits the listing or its
expected file the way a contributor would and requires the check to fail.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sitecheck.expected import SNIPPETS
from sitecheck.listings import (
    CompileFailListing,
    ListingError,
    ResultCache,
    RunnableListing,
    build,
    compile_fail_listings,
    run_together,
    runnable_listings,
    shuffled_start_library,
    verify_compile_fail,
    verify_runnable,
)

RUNNABLE = "threads_spawn_join"
COMPILE_FAIL = "threads_borrow_local"


def copy_manifest_without_crates(root: Path) -> None:
    """snippets/Cargo.toml without its dependencies, into ``root``.

    The copied listings use std alone; a scratch target directory would otherwise
    compile every crate the package depends on, for every test.
    """
    manifest = (SNIPPETS / "Cargo.toml").read_text(encoding="utf-8")
    std_only = re.sub(r"(?ms)^\[dependencies\]\n.*?(?=^\[)", "", manifest)
    assert std_only != manifest or "[dependencies]" not in manifest
    (root / "Cargo.toml").write_text(std_only, encoding="utf-8")


def copy_package(root: Path) -> Path:
    """A scratch copy of snippets/ holding one runnable and one compile-fail listing."""
    root.mkdir()
    for name in ("Cargo.lock", "rustfmt.toml"):
        if (SNIPPETS / name).exists():
            shutil.copy(SNIPPETS / name, root / name)
    copy_manifest_without_crates(root)
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
    kept["result"]["outputs"][-1] = "something else\n"
    kept_file.write_text(json.dumps(kept), encoding="utf-8")
    verdict = verify_runnable(listing, binary, cache)
    assert verdict.kept
    assert verdict.failure
    assert "its runs printed different output" in verdict.failure


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


EDITION_LISTING = "guards_tail_expression_2021"


def test_a_listing_compiles_as_the_edition_it_declares(
    tmp_path: Path, cache: ResultCache
) -> None:
    """The edition-2021 listing fails as declared, and compiles once it says 2024."""
    shutil.copytree(
        SNIPPETS / "compile_fail" / EDITION_LISTING,
        tmp_path / "compile_fail" / EDITION_LISTING,
    )
    (listing,) = compile_fail_listings(tmp_path)
    assert listing.declared_edition() == "2021"
    assert verify_compile_fail(listing, cache).failure is None
    source = listing.source.read_text(encoding="utf-8")
    listing.source.write_text(
        source.replace("// edition: 2021", "// edition: 2024"), encoding="utf-8"
    )
    verdict = verify_compile_fail(listing, cache)
    assert not verdict.kept
    assert verdict.failure
    assert "compiles, but it is declared to fail with E0597" in verdict.failure
    listing.source.write_text(
        source.replace("// edition: 2021", "// edition: 2023"), encoding="utf-8"
    )
    with pytest.raises(ListingError, match="line 2: unknown edition `2023`"):
        listing.declared_edition()


def test_a_listing_without_an_edition_line_is_edition_2024(package: Path) -> None:
    assert compile_fail(package).declared_edition() == "2024"


RACY_EDIT = (
    "            thread::spawn(move || (sat, frames_in_pass(minutes)));",
    """            thread::spawn(move || {
                let frames = frames_in_pass(minutes);
                println!("{sat}: {frames} frames");
                (sat, frames)
            });""",
)


def test_shuffled_thread_starts_reorder_a_racy_listing(tmp_path: Path) -> None:
    """Printing from spawned threads: the shuffled runs print more than one order.

    Each of three threads prints a line as it finishes; the start delays make every
    order likely, so twenty shuffled runs printing one order would mean the shuffler
    does nothing. Each run prints the same lines.
    """
    package = tmp_path / "snippets"
    package.mkdir()
    copy_manifest_without_crates(package)
    shutil.copytree(
        SNIPPETS / "src" / "bin" / "threads_collect_results",
        package / "src" / "bin" / "threads_collect_results",
    )
    source = package / "src" / "bin" / "threads_collect_results" / "main.rs"
    text = source.read_text(encoding="utf-8")
    assert RACY_EDIT[0] in text
    source.write_text(text.replace(*RACY_EDIT), encoding="utf-8")
    binary = build(snippets=package, target_dir=package / "target")[
        "threads_collect_results"
    ]
    shuffled = shuffled_start_library()
    outputs = run_together(binary, [shuffled] * 20)
    assert len(set(outputs)) > 1, f"twenty shuffled runs all printed {outputs[0]}"
    assert len({tuple(sorted(output.splitlines())) for output in outputs}) == 1


def test_blessing_rewrites_a_changed_output_and_names_it(
    unedited: tuple[RunnableListing, Path], cache: ResultCache
) -> None:
    listing, binary = unedited
    expected = listing.output_file()
    right = expected.read_text(encoding="utf-8")
    expected.write_text(right + "one more line\n", encoding="utf-8")
    verdict = verify_runnable(listing, binary, cache, bless=True)
    assert verdict.failure is None
    assert verdict.rewrote == expected
    assert expected.read_text(encoding="utf-8") == right
    assert verify_runnable(listing, binary, cache, bless=True).rewrote is None


def test_blessing_keeps_an_unordered_file_whose_order_alone_differs(
    unedited: tuple[RunnableListing, Path], cache: ResultCache
) -> None:
    listing, binary = unedited
    ordered = listing.output_file()
    lines = ordered.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(set(lines)) > 1
    unordered = ordered.with_name("output.unordered.txt")
    unordered.write_text("".join(reversed(lines)), encoding="utf-8")
    ordered.unlink()
    verdict = verify_runnable(listing, binary, cache, bless=True)
    assert (verdict.failure, verdict.rewrote) == (None, None)
    assert unordered.read_text(encoding="utf-8") == "".join(reversed(lines))


def as_counts_file(listing: RunnableListing, text: str) -> Path:
    """Replace the listing's output.txt by an output.counts.txt holding ``text``."""
    ordered = listing.output_file()
    counts = ordered.with_name("output.counts.txt")
    counts.write_text(text, encoding="utf-8")
    ordered.unlink()
    return counts


def test_a_counts_file_accepts_other_numbers_and_blessing_keeps_it(
    unedited: tuple[RunnableListing, Path], cache: ResultCache
) -> None:
    listing, binary = unedited
    right = listing.output_file().read_text(encoding="utf-8")
    assert "144" in right
    counts = as_counts_file(listing, right.replace("144", "7"))
    assert check(listing, binary, cache)[0]
    verdict = verify_runnable(listing, binary, cache, bless=True)
    assert (verdict.failure, verdict.rewrote) == (None, None)
    assert counts.read_text(encoding="utf-8") == right.replace("144", "7")


def test_a_counts_file_fails_when_its_words_differ(
    unedited: tuple[RunnableListing, Path], cache: ResultCache
) -> None:
    listing, binary = unedited
    right = listing.output_file().read_text(encoding="utf-8")
    as_counts_file(listing, right.replace("downlink", "uplink"))
    verdict = verify_runnable(listing, binary, cache)
    assert verdict.failure
    assert "each number stands for any number" in verdict.failure
    assert "its order is not fixed" not in verdict.failure
