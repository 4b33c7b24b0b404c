"""`--bless` says which files it rewrote, after the tests' own report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sitecheck.listings import display

REWRITTEN = pytest.StashKey[list[str]]()


@pytest.fixture
def record_rewrite(request: pytest.FixtureRequest) -> Callable[[Path | None], None]:
    """Call with the file a blessed check rewrote (or None when it wrote nothing)."""
    rewritten = request.config.stash.setdefault(REWRITTEN, [])

    def record(path: Path | None) -> None:
        if path is not None:
            rewritten.append(display(path))

    return record


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    if not config.getoption("--bless"):
        return
    rewritten = sorted(config.stash.get(REWRITTEN, []))
    terminalreporter.write_sep("-", f"--bless rewrote {len(rewritten)} files")
    for path in rewritten:
        terminalreporter.write_line(path)
