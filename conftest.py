"""Collect the site's Python fences and the package's docstring examples with Sybil."""

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
