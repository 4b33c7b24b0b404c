"""The two Python tabs of a pair, in Chromium: linked, remembered, shown, laid out.

A pair's Python half holds a "Standard library" tab and a "primitives" tab. Material
links tabs by label (`content.tabs.link`): choosing one in a pair chooses it in every
pair of the page, and the choice is kept in the site's local storage, so the next page
opens on it too. Each check reads what the reader would see: which radio is checked,
which tab's code is visible, and where the boxes sit at 1440 and 390 px.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .tabs import PHONE, ROOT, WIDE, Traffic, open_context, watch

DOCS = ROOT / "docs"
LABELS = ["Standard library", "primitives"]
SHOWN_MS = 10_000
# Every tab set in a pair is a Python half's (tests/test_content_tabs.py).
TAB_SETS = "() => [...document.querySelectorAll('.pair > .tabbed-set')]"


def pages_with_python_tabs() -> list[str]:
    """The pages whose Markdown has a pair with both Python tabs, most tabs first."""
    counts = {
        str(path.relative_to(DOCS).with_suffix(".html")): text.count(
            f'=== "{LABELS[1]}"'
        )
        for path in sorted(DOCS.rglob("*.md"))
        if f'=== "{LABELS[0]}"' in (text := path.read_text(encoding="utf-8"))
    }
    return sorted(counts, key=lambda page: -counts[page])


TABBED_PAGES = pages_with_python_tabs()


def tab_labels(page: Page) -> list[list[str]]:
    """For each tab set in a pair, its labels as shown."""
    return page.evaluate(
        f"""() => ({TAB_SETS})().map(set =>
            [...set.querySelectorAll(':scope > .tabbed-labels > label')]
                .map(label => label.innerText.trim()))"""
    )


def chosen_labels(page: Page) -> list[str]:
    """For each Python tab set on the page, the label of its checked tab."""
    return page.evaluate(
        f"""() => ({TAB_SETS})().map(set => {{
            const checked = set.querySelector(':scope > input:checked');
            return checked
                ? set.querySelector(`label[for="${{checked.id}}"]`).innerText.trim()
                : '(none)';
        }})"""
    )


def visible_code(page: Page) -> list[list[str]]:
    """For each Python tab set, the Python scripts a reader can see in it."""
    return page.evaluate(
        f"""() => ({TAB_SETS})().map(set =>
            [...set.querySelectorAll('.tabbed-block .language-python pre code')]
                .filter(code => code.getClientRects().length > 0
                    && code.getBoundingClientRect().height > 0)
                .map(code => code.innerText))"""
    )


def choose(page: Page, label: str, set_number: int = 0) -> None:
    """Click `label` in the `set_number`th Python tab set, as a reader would."""
    tab_set = page.locator(".pair > .tabbed-set").nth(set_number)
    tab_set.locator(":scope > .tabbed-labels > label", has_text=label).click()


def wait_until_chosen(page: Page, label: str) -> None:
    """Wait (bounded) until every Python tab set shows `label`; fail with the state."""
    # On a timeout, the assertion below says what was chosen instead.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            f"""label => ({TAB_SETS})().every(set => {{
                const checked = set.querySelector(':scope > input:checked');
                return checked && set.querySelector(`label[for="${{checked.id}}"]`)
                    .innerText.trim() === label;
            }})""",
            arg=label,
            timeout=SHOWN_MS,
        )
    chosen = chosen_labels(page)
    assert chosen == [label] * len(chosen), (
        f"{page.url}: expected {label!r} in every Python tab set, got {chosen}"
    )
    assert chosen, f"{page.url}: no Python tab set"


def is_primitives_code(code: str) -> bool:
    return re.search(r"^\s*from primitives\b", code, re.MULTILINE) is not None


@pytest.fixture
def reader(browser: Browser, base_url: str) -> Iterator[tuple[Page, Traffic]]:
    """One browser tab at 1440 px, kept from page to page with its local storage."""
    traffic = Traffic()
    context = open_context(browser, base_url, traffic, viewport=WIDE)
    yield watch(context.new_page(), traffic), traffic
    context.close()


def test_two_pages_have_both_python_tabs() -> None:
    assert len(TABBED_PAGES) >= 2, (
        f"the tab checks need two pages with both Python tabs, found {TABBED_PAGES}"
    )


def test_choosing_primitives_switches_every_pair_and_the_next_page(
    reader: tuple[Page, Traffic], base_url: str, artifacts: Path
) -> None:
    page, traffic = reader
    first, second = TABBED_PAGES[:2]
    page.goto(f"{base_url}/{first}", wait_until="load")
    labels = tab_labels(page)
    sets = len(labels)
    assert sets >= 2, f"{first}: {sets} Python tab set(s), the check needs two"
    assert labels == [LABELS] * sets, f"{first}: tab labels {labels}"
    wait_until_chosen(page, LABELS[0])
    standard = visible_code(page)
    assert [len(shown) for shown in standard] == [1] * sets, (
        f"{first}: Python scripts visible per tab set: {list(map(len, standard))}"
    )
    assert not any(is_primitives_code(shown[0]) for shown in standard), (
        f"{first}: a standard-library tab shows primitives code"
    )
    page.locator(".pair:has(> .tabbed-set)").first.screenshot(
        path=artifacts / "python-tabs-standard-1440.png"
    )

    choose(page, LABELS[1], set_number=sets - 1)
    wait_until_chosen(page, LABELS[1])
    chosen = visible_code(page)
    assert [len(shown) for shown in chosen] == [1] * sets, (
        f"{first}: Python scripts visible per tab set: {list(map(len, chosen))}"
    )
    assert all(is_primitives_code(shown[0]) for shown in chosen), (
        f"{first}: a primitives tab shows code that does not import primitives"
    )
    page.locator(".pair:has(> .tabbed-set)").first.screenshot(
        path=artifacts / "python-tabs-primitives-1440.png"
    )

    page.goto(f"{base_url}/{second}", wait_until="load")
    labels = tab_labels(page)
    assert labels, f"{second}: no Python tab set"
    assert labels == [LABELS] * len(labels), f"{second}: tab labels {labels}"
    wait_until_chosen(page, LABELS[1])
    assert all(is_primitives_code(shown[0]) for shown in visible_code(page)), (
        f"{second}: the remembered tab is not the one shown"
    )
    choose(page, LABELS[0])
    wait_until_chosen(page, LABELS[0])
    assert not traffic.console_errors, traffic.console_errors
    assert not traffic.foreign_requests, traffic.foreign_requests


def test_copy_copies_the_chosen_tabs_script(browser: Browser, base_url: str) -> None:
    traffic = Traffic()
    context = open_context(
        browser,
        base_url,
        traffic,
        viewport=WIDE,
        permissions=["clipboard-read", "clipboard-write"],
    )
    try:
        page = watch(context.new_page(), traffic)
        page.goto(f"{base_url}/{TABBED_PAGES[0]}", wait_until="load")
        copied = {}
        for label in reversed(LABELS):
            choose(page, label)
            wait_until_chosen(page, label)
            script = page.locator(
                ".pair > .tabbed-set >> nth=0 >> .language-python:visible"
            ).first
            script.hover()
            script.locator("button[data-md-type='copy']").click()
            copied[label] = page.evaluate("navigator.clipboard.readText()")
            shown = script.locator("code").inner_text()
            assert copied[label].rstrip("\n") == shown.rstrip("\n"), (
                f"{TABBED_PAGES[0]}, {label} tab: copied text differs from the shown"
            )
    finally:
        context.close()
    assert is_primitives_code(copied[LABELS[1]])
    assert not is_primitives_code(copied[LABELS[0]])


def test_a_pair_with_tabs_stacks_on_a_phone(
    browser: Browser, base_url: str, artifacts: Path
) -> None:
    traffic = Traffic()
    context = open_context(browser, base_url, traffic, viewport=PHONE)
    try:
        page = watch(context.new_page(), traffic)
        page.goto(f"{base_url}/{TABBED_PAGES[0]}", wait_until="load")
        layout = page.evaluate(
            """() => [...document.querySelectorAll('.pair:has(> .tabbed-set)')]
                .map(pair => {
                    const rust = pair.firstElementChild.getBoundingClientRect();
                    const set = pair.querySelector(':scope > .tabbed-set');
                    const bar = set.querySelector(':scope > .tabbed-labels');
                    return {
                        rust_bottom: rust.bottom,
                        python_top: set.getBoundingClientRect().top,
                        bar_overflow: bar.scrollWidth - bar.clientWidth,
                        labels_right: Math.max(...[...bar.children].map(
                            label => label.getBoundingClientRect().right)),
                    };
                })"""
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        # Material's header stays on top while scrolling: keep it out of the shot.
        page.add_style_tag(content=".md-header { position: absolute; }")
        pair = page.locator(".pair:has(> .tabbed-set)").first
        pair.scroll_into_view_if_needed()
        pair.screenshot(path=artifacts / "python-tabs-390.png")
    finally:
        context.close()
    assert layout, f"{TABBED_PAGES[0]}: no pair with Python tabs"
    for number, pair_box in enumerate(layout, start=1):
        where = f"{TABBED_PAGES[0]}, pair {number} with tabs"
        stacked = pair_box["python_top"] >= pair_box["rust_bottom"]
        assert stacked, f"{where}: not stacked"
        assert pair_box["bar_overflow"] <= 1, f"{where}: the tab bar scrolls"
        assert pair_box["labels_right"] <= PHONE["width"], (
            f"{where}: a tab label ends at {pair_box['labels_right']} px"
        )
    assert width <= PHONE["width"], f"{TABBED_PAGES[0]}: {width} px wide at 390 px"
    assert not traffic.console_errors, traffic.console_errors
