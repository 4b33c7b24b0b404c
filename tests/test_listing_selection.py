"""`nox -s rust -- NAME` and `nox -s rust -- docs/PAGE.md` check only those listings."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitecheck.listings import BUILD_SETTINGS, cargo_checks, runnable_listings
from sitecheck.selection import (
    LISTINGS_TESTS,
    SelectionError,
    listing_test_ids,
    listings_of_page,
    pytest_arguments,
)

RUNNABLE = "tests/listings/test_listings.py::test_runnable_listing[{}]"
COMPILE_FAIL = "tests/listings/test_listings.py::test_compile_fail_listing[{}]"


def test_no_selection_checks_every_listing() -> None:
    assert pytest_arguments([]) == [LISTINGS_TESTS]
    assert pytest_arguments(["--bless", "-x"]) == ["--bless", "-x", LISTINGS_TESTS]


def test_a_listing_name_becomes_its_test() -> None:
    assert pytest_arguments(["threads_spawn_join"]) == [
        RUNNABLE.format("threads_spawn_join")
    ]
    assert pytest_arguments(["--bless", "threads_borrow_local"]) == [
        "--bless",
        COMPILE_FAIL.format("threads_borrow_local"),
    ]


def test_an_option_value_is_left_to_pytest() -> None:
    assert pytest_arguments(["-k", "threads_spawn_join"]) == [
        "-k",
        "threads_spawn_join",
        LISTINGS_TESTS,
    ]


def test_a_page_selects_what_it_includes_once_each() -> None:
    names = listings_of_page(Path("docs/threads.md"))
    assert "threads_spawn_join" in names
    assert "threads_borrow_local" in names  # a compile-fail listing
    assert len(names) == len(set(names))
    expected = [listing_test_ids()[name] for name in names]
    assert pytest_arguments(["docs/threads.md", "threads_spawn_join"]) == expected


def test_every_listing_is_included_by_the_pages_that_select_it() -> None:
    selected = {
        name for page in Path("docs").rglob("*.md") for name in listings_of_page(page)
    }
    assert selected == set(listing_test_ids())


def test_a_page_without_listings_is_refused() -> None:
    with pytest.raises(SelectionError, match=r"docs/index\.md includes no listing"):
        pytest_arguments(["docs/index.md"])


def test_an_unknown_name_is_refused() -> None:
    with pytest.raises(SelectionError, match="'threads_spawn_joined' is not a listing"):
        pytest_arguments(["threads_spawn_joined"])


def test_paths_and_node_ids_pass_through() -> None:
    node = RUNNABLE.format("threads_spawn_join")
    assert pytest_arguments([node]) == [node]


def test_clippy_lints_the_test_code_of_listings_with_tests() -> None:
    """Every listing with a `#[test]` is linted in the test profile (cfg(test) on)."""
    with_tests = sorted(
        listing.name
        for listing in runnable_listings()
        if "#[test]" in listing.source.read_text(encoding="utf-8")
    )
    assert with_tests, "no listing has tests: the exercises' Rust solutions do"
    (clippy,) = [
        command
        for command in cargo_checks()
        if command[:3] == ["cargo", "clippy", "--profile=test"]
    ]
    assert (
        sorted(arg.removeprefix("--bin=") for arg in clippy if arg.startswith("--bin="))
        == with_tests
    )
    assert clippy[-3:] == ["--", "-D", "warnings"]


def test_every_cargo_command_builds_with_the_same_settings() -> None:
    """Different profile settings would compile the procedural macros and build
    scripts (syn, tokio's macros) once per setting instead of once."""
    cargo = [command for command in cargo_checks() if command[0] == "cargo"]
    compiling = [command for command in cargo if command[1] != "fmt"]
    assert {command[1] for command in compiling} >= {"check", "clippy", "build"}
    for command in compiling:
        settings = command[2 : command.index("--") if "--" in command else None]
        assert " ".join(BUILD_SETTINGS) in " ".join(settings), command
