"""Each listing compiles, runs and prints what its page shows, or fails as declared.

`--bless` rewrites the expected files from what the code really did; the comparison
still runs, so a listing whose two runs disagree fails even while blessing.
An unchanged listing's earlier results are reused (see `sitecheck.listings`); they
are compared with the expected files as they are now, like fresh results.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sitecheck.listings import (
    CompileFailListing,
    ListingError,
    ResultCache,
    RunnableListing,
    build,
    cache_root,
    compile_fail_listings,
    runnable_listings,
    verify_compile_fail,
    verify_runnable,
)


@pytest.fixture(scope="session")
def binaries(request: pytest.FixtureRequest) -> dict[str, Path]:
    """The executables of the runnable listings this session checks, built once."""
    selected = set()
    for item in request.session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if isinstance(params.get("listing"), RunnableListing):
            selected.add(params["listing"].name)
    every = {listing.name for listing in runnable_listings()}
    try:
        return build(None if selected >= every else sorted(selected))
    except ListingError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def bless(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--bless"))


@pytest.fixture
def cache(bless: bool) -> ResultCache:
    """Kept results; blessing always runs afresh (and keeps what it saw)."""
    return ResultCache(cache_root(), fresh=True if bless else None)


def test_there_are_listings() -> None:
    assert runnable_listings(), "no runnable listing found under snippets/src/bin"
    assert compile_fail_listings(), (
        "no compile-fail listing under snippets/compile_fail"
    )


@pytest.mark.parametrize("listing", runnable_listings(), ids=lambda item: item.name)
def test_runnable_listing(
    listing: RunnableListing,
    binaries: dict[str, Path],
    bless: bool,
    cache: ResultCache,
    record_rewrite: Callable[[Path | None], None],
) -> None:
    verdict = verify_runnable(listing, binaries[listing.name], cache, bless=bless)
    record_rewrite(verdict.rewrote)
    if verdict.failure:
        pytest.fail(verdict.failure, pytrace=False)


@pytest.mark.parametrize("listing", compile_fail_listings(), ids=lambda item: item.name)
def test_compile_fail_listing(
    listing: CompileFailListing,
    bless: bool,
    cache: ResultCache,
    record_rewrite: Callable[[Path | None], None],
) -> None:
    verdict = verify_compile_fail(listing, cache, bless=bless)
    record_rewrite(verdict.rewrote)
    if verdict.failure:
        pytest.fail(verdict.failure, pytrace=False)
