"""Collect the site's Python fences and the package's docstring examples with Sybil.

The run fails if fewer page examples completed (passed or failed) than were
collected: none may be skipped or lost on the way.
"""

import os

import pytest
from sybil import Sybil
from sybil.parsers.rest import DocTestParser

from sitecheck.python_examples import parse_document

page_examples = Sybil(parsers=[parse_document], path="docs", patterns=["*.md"])
docstring_examples = Sybil(
    parsers=[DocTestParser()], path="src/primitives", patterns=["*.py"]
)

pytest_collect_file = (page_examples + docstring_examples).pytest()


def pytest_addoption(parser):
    parser.addoption(
        "--bless",
        action="store_true",
        help="rewrite listings' expected outputs and compiler messages from real runs",
    )


_KINDS = (
    ("::test_notebook_runs_clean[", "exercise notebooks executed"),
    ("docs/", "Python examples on pages passed"),
    ("src/primitives/", "docstring examples passed"),
    ("::test_runnable_listing[", "listings run with output compared"),
    ("::test_compile_fail_listing[", "compile-fail listings verified"),
)


def pytest_terminal_summary(terminalreporter):
    counts = dict.fromkeys((label for _, label in _KINDS), 0)
    for report in terminalreporter.stats.get("passed", []):
        if report.when != "call":
            continue
        for marker, label in _KINDS:
            prefix = marker.endswith("/")
            if report.nodeid.startswith(marker) if prefix else marker in report.nodeid:
                counts[label] += 1
                break
    shown = [f"{label}: {number}" for label, number in counts.items() if number]
    if shown:
        terminalreporter.write_sep("-", "verified")
        for line in shown:
            terminalreporter.write_line(line)


_page_examples: set[str] = set()
_completed: set[str] = set()


def _is_xdist_worker(config: pytest.Config) -> bool:
    """A worker runs only its share of the items; the controller checks the run."""
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    """In a pytest-xdist worker, measured by coverage, leave its children unmeasured.

    coverage starts in the workers because they inherit COVERAGE_PROCESS_CONFIG
    (pyproject.toml: `patch = ["subprocess"]`); without it the processes the tests
    start (notebook kernels, page examples' own children) stay unmeasured, as in a
    run without workers, and start no slower.
    """
    if _is_xdist_worker(config):
        os.environ.pop("COVERAGE_PROCESS_CONFIG", None)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    _page_examples.clear()
    _page_examples.update(
        item.nodeid for item in items if item.nodeid.startswith("docs/")
    )


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    """Under pytest-xdist (`-n`), the controller learns what each worker collected.

    Every worker collects every item, so each one's list is the whole run's.
    """
    _page_examples.update(nodeid for nodeid in ids if nodeid.startswith("docs/"))


def pytest_runtest_logreport(report):
    if (
        report.when == "call"
        and report.nodeid in _page_examples
        and report.outcome in ("passed", "failed")
    ):
        _completed.add(report.nodeid)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    if _is_xdist_worker(session.config):
        return
    missing = sorted(_page_examples - _completed)
    if not missing or exitstatus != 0:
        return
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("=", "page examples that did not complete", red=True)
        reporter.write_line(
            f"only {len(_completed)} of {len(_page_examples)} page examples completed:"
        )
        for nodeid in missing:
            reporter.write_line(f"  {nodeid}")
