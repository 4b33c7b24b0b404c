"""Each listing compiles, runs and prints what its page shows, or fails as declared.

`--bless` rewrites the expected files from what the code really did; the comparison
still runs, so a listing whose two runs disagree fails even while blessing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitecheck.expected import Expected
from sitecheck.listings import (
    ORDERED_NAME,
    CompileFailListing,
    ListingError,
    RunnableListing,
    build_all,
    compile_alone,
    compile_fail_listings,
    display,
    run,
    runnable_listings,
)


@pytest.fixture(scope="session")
def binaries() -> Path:
    return build_all()


@pytest.fixture
def bless(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--bless"))


def test_there_are_listings() -> None:
    assert runnable_listings(), "no runnable listing found under snippets/src/bin"
    assert compile_fail_listings(), (
        "no compile-fail listing under snippets/compile_fail"
    )


@pytest.mark.parametrize("listing", runnable_listings(), ids=lambda item: item.name)
def test_runnable_listing(
    listing: RunnableListing, binaries: Path, bless: bool
) -> None:
    try:
        first = run(binaries / listing.name)
        second = run(binaries / listing.name)
    except ListingError as error:
        pytest.fail(f"{display(listing.source)}: {error}", pytrace=False)
    if bless:
        try:
            target = listing.output_file()
        except ListingError:
            target = listing.directory / ORDERED_NAME
        target.write_text(first, encoding="utf-8")
    expected = listing.expected()
    for attempt, output in (("first", first), ("second", second)):
        mismatch = expected.mismatch(output)
        if mismatch and not expected.unordered and first != second:
            pytest.fail(
                f"{display(listing.source)}: two runs printed different output, so its "
                f"order is not fixed; if that is by design, rename {ORDERED_NAME} to "
                f"output.unordered.txt and title the page's fence "
                f"'Output (order varies)'.\n{mismatch}",
                pytrace=False,
            )
        if mismatch:
            pytest.fail(
                f"{display(listing.source)} ({attempt} run): {mismatch}", pytrace=False
            )


@pytest.mark.parametrize("listing", compile_fail_listings(), ids=lambda item: item.name)
def test_compile_fail_listing(listing: CompileFailListing, bless: bool) -> None:
    code = listing.declared_code()
    result = compile_alone(listing)
    where = display(listing.source)
    if result.returncode == 0:
        pytest.fail(
            f"{where} compiles, but it is declared to fail with {code}", pytrace=False
        )
    found = sorted(set(re.findall(r"error\[(E\d{4})\]", result.stderr)))
    if code not in found:
        pytest.fail(
            f"{where} fails, but not with {code} (errors: {', '.join(found) or 'none'})"
            f"\n{result.stderr}",
            pytrace=False,
        )
    if bless:
        listing.stderr_file.write_text(result.stderr, encoding="utf-8")
    if not listing.stderr_file.exists():
        pytest.fail(
            f"{display(listing.stderr_file)} is missing: run `nox -s rust -- --bless`",
            pytrace=False,
        )
    expected = Expected(
        listing.stderr_file.read_text(encoding="utf-8"), display(listing.stderr_file)
    )
    mismatch = expected.mismatch(result.stderr)
    if mismatch:
        pytest.fail(f"{where}: compiler message {mismatch}", pytrace=False)
