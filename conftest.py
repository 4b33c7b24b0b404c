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
