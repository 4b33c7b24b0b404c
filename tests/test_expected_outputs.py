"""How an expected output is compared with what the code printed, for each kind of
output file: in order, as unordered lines, and with counts that vary between runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitecheck.expected import COUNTS_NAME, UNORDERED_NAME, Expected, from_file
from sitecheck.listings import ListingError, RunnableListing
from test_pages import wrong_output_titles

COUNTS = "weak: both false in 34 of 20000 rounds\nstrong: both false in 0 of 20000\n"


def counts(text: str = COUNTS) -> Expected:
    return Expected(text, "snippets/x/output.counts.txt", counts_vary=True)


def test_counts_match_whatever_the_numbers() -> None:
    actual = "weak: both false in 0 of 20000 rounds\nstrong: both false in 7 of 3\n"
    assert counts().mismatch(actual) is None
    assert counts().mismatch(COUNTS) is None


def test_counts_fail_when_the_words_around_a_number_change() -> None:
    actual = "weak: both true in 34 of 20000 rounds\nstrong: both false in 0 of 20000\n"
    failure = counts().mismatch(actual)
    assert failure is not None
    assert "snippets/x/output.counts.txt" in failure
    assert "each number stands for any number" in failure
    assert "at output line 1" in failure
    assert "+weak: both true in 34 of 20000 rounds" in failure


@pytest.mark.parametrize(
    "actual",
    [
        # a number replaced by a word
        "weak: both false in some of 20000 rounds\nstrong: both false in 0 of 20000\n",
        # a number gone
        "weak: both false in of 20000 rounds\nstrong: both false in 0 of 20000\n",
        # a line missing, a line more, the lines swapped
        "weak: both false in 34 of 20000 rounds\n",
        COUNTS + "strong: both false in 0 of 20000\n",
        "strong: both false in 0 of 20000\nweak: both false in 34 of 20000 rounds\n",
        # a negative number is a different shape
        "weak: both false in -3 of 20000 rounds\nstrong: both false in 0 of 20000\n",
    ],
)
def test_counts_fail_on_any_other_difference(actual: str) -> None:
    assert counts().mismatch(actual) is not None


def test_an_ordered_output_still_compares_its_numbers() -> None:
    ordered = Expected(COUNTS, "snippets/x/output.txt")
    assert ordered.mismatch(COUNTS) is None
    assert ordered.mismatch(COUNTS.replace("34", "35")) is not None


def test_the_file_name_chooses_the_comparison(tmp_path: Path) -> None:
    for name, unordered, counts_vary in [
        ("output.txt", False, False),
        (UNORDERED_NAME, True, False),
        (COUNTS_NAME, False, True),
    ]:
        path = tmp_path / name
        path.write_text(COUNTS, encoding="utf-8")
        expected = from_file(path, name)
        assert (expected.unordered, expected.counts_vary) == (unordered, counts_vary)


def test_a_listing_with_two_output_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "main.rs").write_text("fn main() {}\n", encoding="utf-8")
    (tmp_path / "output.txt").write_text("", encoding="utf-8")
    (tmp_path / COUNTS_NAME).write_text("", encoding="utf-8")
    with pytest.raises(ListingError, match=r"output\.txt and output\.counts\.txt"):
        RunnableListing("x", tmp_path).output_file()


def test_a_counts_file_needs_its_title(tmp_path: Path) -> None:
    include = '--8<-- "src/bin/memory_store_buffering/output.counts.txt"'
    page = tmp_path / "page.md"
    for title, wrong in [
        ("Output (counts vary)", False),
        ("Output", True),
        ("Output (order varies)", True),
    ]:
        page.write_text(f'```text title="{title}"\n{include}\n```\n', encoding="utf-8")
        assert bool(wrong_output_titles(page)) == wrong, title
    ordered = '--8<-- "src/bin/atomics_publish/output.txt"'
    page.write_text(
        f'```text title="Output (counts vary)"\n{ordered}\n```\n', encoding="utf-8"
    )
    assert wrong_output_titles(page)
