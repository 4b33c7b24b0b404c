"""Which listings `nox -s rust -- ARGUMENTS` checks.

Besides pytest's own options, the arguments may name listings and pages:

- a listing's name (``threads_spawn_join``, or a compile-fail listing's) checks that
  listing;
- a page (``docs/threads.md``) checks every listing the page includes.

Each becomes the listing's test id, so only those listings are built and run; every
other argument goes to pytest unchanged. With no listing, page or test path named,
every listing is checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from .expected import ROOT
from .listings import compile_fail_listings, runnable_listings
from .pages import includes_of

LISTINGS_TESTS = "tests/listings"
_TEST_FILE = f"{LISTINGS_TESTS}/test_listings.py"
# pytest options whose value is the next argument: that value is never a selection.
_OPTIONS_WITH_VALUES = {
    "-k",
    "-m",
    "-p",
    "-o",
    "-W",
    "-c",
    "-n",
    "-r",
    "--deselect",
    "--ignore",
    "--durations",
    "--maxfail",
    "--tb",
    "--timeout",
    "--basetemp",
    "--rootdir",
}


class SelectionError(Exception):
    """An argument names no listing, page or path, or a page without listings."""


def listing_test_ids() -> dict[str, str]:
    """Each listing's name and the id of the test that checks it."""
    ids = {
        listing.name: f"{_TEST_FILE}::test_runnable_listing[{listing.name}]"
        for listing in runnable_listings()
    }
    ids.update(
        (listing.name, f"{_TEST_FILE}::test_compile_fail_listing[{listing.name}]")
        for listing in compile_fail_listings()
    )
    return ids


def listings_of_page(page: Path) -> list[str]:
    """The names of the listings a page includes, in the order it includes them."""
    names: list[str] = []
    for placed in includes_of(page):
        parts = PurePosixPath(placed.include.path).parts
        if parts[:2] == ("src", "bin") and len(parts) > 3:
            name = parts[2]
        elif parts[:1] == ("compile_fail",) and len(parts) > 2:
            name = parts[1]
        else:
            continue
        if name not in names:
            names.append(name)
    return names


def _as_page(argument: str) -> Path | None:
    """The page (relative to the repository) an argument names, if it names one."""
    path = (ROOT / argument).resolve()
    if path.suffix != ".md" or not path.is_file() or not path.is_relative_to(ROOT):
        return None
    return path.relative_to(ROOT)


def pytest_arguments(arguments: Sequence[str]) -> list[str]:
    """pytest's arguments for the listings' tests, given `nox -s rust`'s arguments."""
    ids = listing_test_ids()
    selected: list[str] = []
    passed_on: list[str] = []
    paths_given = False
    previous = ""
    for argument in arguments:
        if previous in _OPTIONS_WITH_VALUES or argument.startswith("-"):
            passed_on.append(argument)
        elif argument in ids:
            selected.append(ids[argument])
        elif (page := _as_page(argument)) is not None:
            names = listings_of_page(page)
            if not names:
                raise SelectionError(f"{page} includes no listing")
            selected.extend(ids[name] for name in names if name in ids)
        elif (ROOT / argument.split("::")[0]).exists():
            passed_on.append(argument)
            paths_given = True
        else:
            raise SelectionError(
                f"{argument!r} is not a listing (a folder of snippets/src/bin or "
                "snippets/compile_fail), a page under docs/ or a path"
            )
        previous = argument
    unique = list(dict.fromkeys(selected))
    if not unique and not paths_given:
        unique = [LISTINGS_TESTS]
    return [*passed_on, *unique]
