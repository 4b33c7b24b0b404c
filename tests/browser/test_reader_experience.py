"""The site as a reader meets it, in Chromium: load, layout, copy, search, a11y.

The per-page checks (load, layout at 1440 and 390 px, axe in light and dark) read
the visits of the run's `Surveyor` (survey.py), which test_diagrams.py shares:
each asserts its part, so a failure still names its page and check.
"""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page

from .survey import Surveyor, page_urls, pages_with_pairs
from .tabs import PHONE, ROOT, WIDE, Traffic, is_local, open_context, watch

MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}


def visit(
    browser: Browser,
    base_url: str,
    path: str,
    wait_until: str = "load",
    **options: object,
):
    traffic = Traffic()
    context = open_context(browser, base_url, traffic, **options)
    page = watch(context.new_page(), traffic)
    page.goto(f"{base_url}/{path}", wait_until=wait_until)
    return context, page, traffic


@pytest.mark.parametrize("path", page_urls())
def test_page_loads_without_errors_or_foreign_requests(
    surveys: Surveyor, path: str
) -> None:
    survey = surveys(path)
    assert survey.title, f"{path}: page has no title"
    for name, traffic in survey.traffic.items():
        assert not traffic.foreign_requests, (
            f"{path} ({name}) asked other hosts for: {traffic.foreign_requests}"
        )
        assert not traffic.console_errors, (
            f"{path} ({name}) console errors: {traffic.console_errors}"
        )


@pytest.mark.parametrize("path", pages_with_pairs())
def test_pairs_sit_side_by_side_on_a_wide_screen(surveys: Surveyor, path: str) -> None:
    survey = surveys(path)
    pairs, too_wide = survey.wide_pairs, survey.too_wide
    assert pairs, f"{path}: no pair found"
    for number, halves in enumerate(pairs, start=1):
        assert len(halves) == 2, f"{path}: pair {number} has {len(halves)} halves"
        rust, python = halves
        assert abs(rust["top"] - python["top"]) <= 1, (
            f"{path}: pair {number} tops differ: {rust['top']} vs {python['top']}"
        )
        assert python["left"] >= rust["right"], f"{path}: pair {number} overlaps"
    assert not too_wide, (
        f"{path}: code scrolls sideways at 1440 px; longest lines: {too_wide}"
    )


@pytest.mark.parametrize("path", pages_with_pairs())
def test_pairs_stack_on_a_phone(surveys: Surveyor, path: str) -> None:
    survey = surveys(path)
    assert survey.phone_width, f"{path}: not measured at {PHONE['width']} px"
    for number, (rust, python) in enumerate(survey.phone_pairs, start=1):
        assert python["top"] >= rust["bottom"], f"{path}: pair {number} not stacked"
    assert survey.phone_width <= PHONE["width"], (
        f"{path}: {survey.phone_width} px wide at {PHONE['width']} px: "
        "it scrolls sideways"
    )


def test_copy_buttons_copy_what_is_shown(browser: Browser, base_url: str) -> None:
    context, page, _ = visit(
        browser,
        base_url,
        "threads.html",
        viewport=WIDE,
        permissions=["clipboard-read", "clipboard-write"],
    )
    blocks = page.locator(".pair .highlight:visible")
    assert blocks.count() >= 4, "threads.html: expected several code blocks"
    compared = 0
    for index in range(min(blocks.count(), 6)):
        block = blocks.nth(index)
        shown = block.locator("code").inner_text()
        block.hover()
        block.locator("button[data-md-type='copy']").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.rstrip("\n") == shown.rstrip("\n"), (
            f"threads.html block {index}: copied text differs from the shown code"
        )
        assert ">>>" not in copied
        compared += 1
    context.close()
    assert compared >= 4


def test_playground_links_open_the_whole_listing(
    browser: Browser, base_url: str
) -> None:
    context, page, _ = visit(browser, base_url, "threads.html", viewport=WIDE)
    hrefs = page.eval_on_selector_all(
        "a.playground-link", "links => links.map(link => link.href)"
    )
    context.close()
    assert hrefs, "threads.html has no Playground link"
    sources = {
        path.read_text(encoding="utf-8").replace("\r\n", "\n")
        for path in (ROOT / "snippets" / "src" / "bin").glob("threads_*/main.rs")
    }
    for href in hrefs:
        query = parse_qs(urlparse(href).query)
        assert query["edition"] == ["2024"]
        code = query["code"][0]
        assert "--8<--" not in code, "section markers leaked into the Playground code"
        assert any(
            [line for line in source.splitlines() if "--8<--" not in line]
            == code.splitlines()
            for source in sources
        ), f"Playground code matches no listing:\n{code[:200]}"


def test_the_tip_and_the_wheel_download_work(browser: Browser, base_url: str) -> None:
    """What site_extensions.primitives_download adds: the tip under a lesson's title,
    whose links open, and the download button, which downloads the current wheel."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = f"primitives-{project['project']['version']}-py3-none-any.whl"
    context, page, traffic = visit(browser, base_url, "threads.html", viewport=WIDE)
    tip = page.locator("article .admonition.tip").first
    title = tip.locator(".admonition-title").inner_text()
    tip_visible = tip.is_visible()
    follows_heading = page.evaluate(
        "document.querySelector('article h1').nextElementSibling"
        ".matches('.admonition.tip')"
    )
    hrefs = tip.locator("a").evaluate_all("links => links.map(link => link.href)")
    opened = {href: page.request.get(href).status for href in hrefs}
    page.goto(f"{base_url}/running.html", wait_until="load")
    button = page.locator("a.md-button", has_text="Download primitives")
    target = button.evaluate("link => link.href")
    served = page.request.get(target).status
    name, content = "", b""
    if served == 200:
        with page.expect_download(timeout=10_000) as download:
            button.click()
        name = download.value.suggested_filename
        content = Path(download.value.path()).read_bytes()
    context.close()
    assert title == "Run the examples yourself"
    assert tip_visible, "the tip is hidden"
    assert follows_heading, "the tip is not right under the page title"
    assert [urlparse(href).path for href in hrefs] == ["/running.html", "/api.html"]
    assert set(opened.values()) == {200}, opened
    assert urlparse(target).path == f"/downloads/{wheel}"
    assert served == 200, f"{target}: HTTP {served}"
    assert name == wheel
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        files = archive.namelist()
    assert "primitives/__init__.py" in files, files
    assert not traffic.foreign_requests, traffic.foreign_requests


def search(page: Page, term: str) -> None:
    """Type into Material's search box once its index has loaded."""
    page.locator(".md-search__input").click()
    page.wait_for_function(
        "!document.querySelector('.md-search-result__meta')"
        ".textContent.includes('Initializing')",
        timeout=15_000,
    )
    page.locator(".md-search__input").press_sequentially(term)


def test_search_reaches_the_poisoning_section(browser: Browser, base_url: str) -> None:
    context, page, _ = visit(browser, base_url, "index.html", viewport=WIDE)
    search(page, "poison")
    page.locator(".md-search-result__link").first.wait_for(timeout=10_000)
    for more in page.locator(".md-search-result__more summary").all():
        more.click()
    result = page.locator(".md-search-result__link[href$='#poisoning']").first
    result.click()
    page.wait_for_load_state("networkidle")
    url = page.url
    heading = page.locator(f"[id='{urlparse(url).fragment}']")
    visible = heading.is_visible()
    context.close()
    assert "poison" in url, f"search result led to {url}"
    assert visible, f"{url}: the section it names is not on the page"


def test_deep_link_lands_on_its_section(browser: Browser, base_url: str) -> None:
    context, page, _ = visit(browser, base_url, "threads.html", viewport=WIDE)
    anchor = page.eval_on_selector_all("h2[id]", "hs => hs.map(h => h.id)")[-2]
    page.goto(f"{base_url}/threads.html#{anchor}", wait_until="networkidle")
    top = page.eval_on_selector(
        f"[id='{anchor}']", "h => h.getBoundingClientRect().top"
    )
    scrolled = page.evaluate("window.scrollY")
    context.close()
    assert scrolled > 0, "the page did not scroll to the linked section"
    assert 0 <= top <= 200, f"section heading is at {top} px from the top"


def test_dark_mode_and_mobile_navigation(
    browser: Browser, base_url: str, artifacts: Path
) -> None:
    context, page, _ = visit(
        browser, base_url, "threads.html", viewport=PHONE, color_scheme="dark"
    )
    scheme = page.get_attribute("body", "data-md-color-scheme")
    page.screenshot(path=artifacts / "threads-dark-390.png")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary").first.wait_for(state="visible")
    drawer_open = page.evaluate("document.getElementById('__drawer').checked")
    nav_link = page.locator(".md-nav--primary a[href='running.html']").first
    nav_visible = nav_link.is_visible()
    context.close()
    assert scheme == "slate", f"dark preference gave scheme {scheme!r}"
    assert drawer_open, "the navigation drawer did not open"
    assert nav_visible, "the open drawer does not show the navigation"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", page_urls())
def test_accessibility(surveys: Surveyor, path: str, scheme: str) -> None:
    survey = surveys(path)
    shown = survey.schemes[scheme]
    assert shown == MATERIAL_SCHEMES[scheme], (
        f"{path}: a {scheme} preference gave scheme {shown!r}"
    )
    # Every finding fails, of any impact (minor included): the site has none today.
    assert not survey.axe[scheme], f"{path} ({scheme}): {survey.axe[scheme]}"


def test_the_file_build_loads_and_searches(browser: Browser, site_dir: Path) -> None:
    traffic = Traffic()
    context = browser.new_context(viewport=WIDE)
    page = watch(context.new_page(), traffic)
    page.on(
        "request",
        lambda request: (
            is_local(request.url, "file://")
            or traffic.foreign_requests.append(request.url)
        ),
    )
    page.goto((site_dir / "index.html").as_uri(), wait_until="load")
    search(page, "JoinHandle")
    first = page.locator(".md-search-result__link").first
    first.wait_for(timeout=15_000)
    results = page.locator(".md-search-result__link").count()
    first.click()
    page.wait_for_load_state("load")
    landed = page.url
    context.close()
    assert results > 0, "offline search found nothing"
    assert landed.startswith("file://"), landed
    assert urlparse(landed).path.endswith(".html"), landed
    assert not traffic.foreign_requests, traffic.foreign_requests
