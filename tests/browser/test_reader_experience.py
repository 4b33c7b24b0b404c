"""The site as a reader meets it, in Chromium: load, layout, copy, search, a11y.

The per-page checks (load, layout at 1440 and 390 px, axe in light and dark) share
their visits: a `Surveyor` opens each page once in a light tab and once in a dark tab
at 1440 px, and once more at 390 px if it has pairs, records everything those checks
need, and each test asserts its part, so a failure still names its page and check.
The tabs stay open from page to page: a new browser context per visit costs a new
renderer process, and these tests are bound by the machine's CPU.
"""

from __future__ import annotations

import io
import json
import os
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page

from .conftest import ROOT, Tab, Traffic, is_local, open_context, watch

DOCS = ROOT / "docs"
WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_SCRIPT = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
CONTRAST_TWINS = Path(__file__).with_name("contrast_twins.js").read_text("utf-8")
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}


def page_urls() -> list[str]:
    pages = sorted(DOCS.rglob("*.md")) + sorted(DOCS.rglob("*.ipynb"))
    return [str(path.relative_to(DOCS).with_suffix(".html")) for path in pages]


def pages_with_pairs() -> list[str]:
    return [
        str(path.relative_to(DOCS).with_suffix(".html"))
        for path in sorted(DOCS.rglob("*.md"))
        if 'class="pair"' in path.read_text(encoding="utf-8")
    ]


PAIR_PAGES = frozenset(pages_with_pairs())


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


def boxes(page: Page, selector: str) -> list[list[dict[str, float]]]:
    """For each pair: the boxes of its code halves (Playground links left out)."""
    return page.eval_on_selector_all(
        selector,
        """pairs => pairs.map(pair => [...pair.children]
            .filter(child => !child.querySelector(':scope > .playground-link'))
            .map(child => {
                const box = child.getBoundingClientRect();
                return {top: box.top, bottom: box.bottom, left: box.left,
                        right: box.right};
            }))""",
    )


def scrolling_code(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".pair pre > code",
        """codes => codes.filter(code => code.scrollWidth > code.clientWidth + 1)
            .map(code => code.innerText.split('\\n')
                .reduce((a, b) => a.length >= b.length ? a : b))""",
    )


@dataclass
class Survey:
    """What one page showed on its visits: each page test asserts one part of it.

    Every page is visited in a light tab and a dark tab at 1440 px, and a page with
    pairs in a third tab at 390 px. The light visit is the load check (the survey
    ends once the network has gone idle), measures the wide layout and runs axe;
    the dark visit runs axe too. Each visit's traffic is recorded from its first
    request until its tab visits another page, so axe and the measurements run
    under the same watch.
    """

    title: str = ""
    traffic: dict[str, Traffic] = field(default_factory=dict)
    schemes: dict[str, str | None] = field(default_factory=dict)
    axe: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    contrast_twins: dict[str, int] = field(default_factory=dict)
    wide_pairs: list[list[dict[str, float]]] = field(default_factory=list)
    too_wide: list[str] = field(default_factory=list)
    phone_pairs: list[list[dict[str, float]]] = field(default_factory=list)
    phone_width: int = 0


def start_axe(page: Page) -> int:
    """Inject axe-core and start it; `axe_violations` collects what it found.

    Starting both schemes' runs before waiting for either lets the light visit's
    checks proceed while the dark page is being audited in its own renderer. The
    color-contrast rule skips the elements contrast_twins.js marks (their verdict is
    an earlier element's); every other rule audits every element. Returns how many
    elements were marked.
    """
    page.add_script_tag(path=str(AXE_SCRIPT))
    twins = page.evaluate(f"({CONTRAST_TWINS})()")
    # axe.run does most of its work before it returns its promise, so it is started
    # from a timer: this call returns at once and the renderer audits on its own.
    page.evaluate(
        """() => {
            axe.configure({rules: [{id: 'color-contrast',
                selector: '*:not([data-contrast-twin])'}]});
            window.__axeViolations = new Promise(resolve => setTimeout(() =>
                resolve(axe.run(document, {resultTypes: ['violations']})
                    .then(result => result.violations.map(v => ({id: v.id,
                        impact: v.impact, nodes: v.nodes.length, help: v.help})))),
            0));
        }"""
    )
    return twins


def axe_violations(page: Page) -> list[dict[str, Any]]:
    return page.evaluate("() => window.__axeViolations")


class Crew:
    """The tabs one page is surveyed in, kept open from page to page."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url
        self.tabs: dict[str, Tab] = {}
        self.busy_with: str | None = None

    def tab(self, name: str, **options: object) -> Tab:
        if name not in self.tabs:
            self.tabs[name] = Tab(self.browser, self.base_url, **options)
        return self.tabs[name]

    def close(self) -> None:
        for tab in self.tabs.values():
            tab.close()


class Surveyor:
    """Visits each page in its tabs and keeps what it saw, page by page.

    With two crews of tabs (BROWSER_CREWS=2), they take turns: while one page's
    audits run in its crew's renderers, the next page the tests will ask for is
    loaded, measured and its audits started in the other crew's. That only pays
    where a core would otherwise sit idle: on a busy 2-core machine the second
    crew's tabs cost more than the overlap saves, so one crew is the default.
    """

    def __init__(
        self,
        browser: Browser,
        base_url: str,
        artifacts: Path,
        order: list[str],
        crews: int = 1,
    ) -> None:
        self.base_url, self.artifacts, self.order = base_url, artifacts, order
        self.crews = [Crew(browser, base_url) for _ in range(crews)]
        self.begun: dict[str, tuple[Crew, Survey]] = {}
        self.done: dict[str, Survey | str] = {}

    def __call__(self, path: str) -> Survey:
        if path not in self.done:
            self.begin(path)
            if len(self.begun) < len(self.crews):
                self.begin_next_after(path)
            self.finish(path)
        result = self.done[path]
        if isinstance(result, str):
            pytest.fail(result, pytrace=False)
        return result

    def begin(self, path: str) -> None:
        """Load the page in a free crew's tabs, measure it, and start its audits."""
        if path in self.begun or path in self.done:
            return
        free = [crew for crew in self.crews if crew.busy_with is None]
        if not free:  # a page begun ahead that no test has asked for yet
            self.finish(next(iter(self.begun)))
            free = [crew for crew in self.crews if crew.busy_with is None]
        crew, survey = free[0], Survey()
        try:
            self.start(path, crew, survey)
        except Exception as error:  # reported by every test of that page
            self.done[path] = f"{path}: visiting the page failed: {error}"
            return
        crew.busy_with = path
        self.begun[path] = crew, survey

    def begin_next_after(self, path: str) -> None:
        """Begin the first page after `path` that the tests will ask for, if any."""
        later = self.order[self.order.index(path) + 1 :] if path in self.order else []
        ahead = [page for page in later if page not in self.done]
        if ahead:
            self.begin(ahead[0])

    def finish(self, path: str) -> None:
        """Complete the page's survey: its phone visit, and both audits' findings."""
        if path in self.done:
            return
        crew, survey = self.begun.pop(path)
        crew.busy_with = None
        try:
            self.end(path, crew, survey)
        except Exception as error:  # reported by every test of that page
            self.done[path] = f"{path}: visiting the page failed: {error}"
            return
        self.done[path] = survey

    def start(self, path: str, crew: Crew, survey: Survey) -> None:
        url = f"{self.base_url}/{path}"
        light = crew.tab("light, 1440 px", viewport=WIDE, color_scheme="light")
        dark = crew.tab("dark, 1440 px", viewport=WIDE, color_scheme="dark")
        survey.traffic["light, 1440 px"] = light.visit(url)
        survey.traffic["dark, 1440 px"] = dark.visit(url)
        survey.schemes["dark"] = dark.page.get_attribute("body", "data-md-color-scheme")
        survey.contrast_twins["dark"] = start_axe(dark.page)
        survey.title = light.page.title()
        survey.schemes["light"] = light.page.get_attribute(
            "body", "data-md-color-scheme"
        )
        if path in PAIR_PAGES:
            survey.wide_pairs = boxes(light.page, ".pair")
            survey.too_wide = scrolling_code(light.page)
            if path == "threads.html":
                light.page.screenshot(path=self.artifacts / "threads-1440.png")
        survey.contrast_twins["light"] = start_axe(light.page)

    def end(self, path: str, crew: Crew, survey: Survey) -> None:
        if path in PAIR_PAGES:
            phone = crew.tab("light, 390 px", viewport=PHONE)
            survey.traffic["light, 390 px"] = phone.visit(f"{self.base_url}/{path}")
            survey.phone_pairs = boxes(phone.page, ".pair")
            survey.phone_width = phone.page.evaluate(
                "document.documentElement.scrollWidth"
            )
            if path == "threads.html":
                phone.page.screenshot(path=self.artifacts / "threads-390.png")
                phone.page.locator(".pair").first.screenshot(
                    path=self.artifacts / "threads-pair-390.png"
                )
        light, dark = crew.tabs["light, 1440 px"], crew.tabs["dark, 1440 px"]
        survey.axe["light"] = axe_violations(light.page)
        survey.axe["dark"] = axe_violations(dark.page)
        # The load check: no request may still be in flight, or start, until the
        # network has been quiet for 500 ms (by now, after both audits, it mostly
        # has been, so this rarely waits).
        light.page.wait_for_load_state("networkidle")

    def close(self) -> None:
        for crew in self.crews:
            crew.close()
        findings = {
            f"{path} ({scheme})": violations
            for path, survey in self.done.items()
            if isinstance(survey, Survey)
            for scheme, violations in survey.axe.items()
        }
        (self.artifacts / "axe-findings.json").write_text(
            json.dumps(findings, indent=2)
        )


def surveyed_pages(items: list[pytest.Item]) -> list[str]:
    """The pages this run's tests will ask the surveyor for, in the order they ask."""
    order: dict[str, None] = {}
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec and "surveys" in getattr(item, "fixturenames", ()):
            order.setdefault(callspec.params["path"], None)
    return list(order)


@pytest.fixture(scope="module")
def surveys(
    request: pytest.FixtureRequest, browser: Browser, base_url: str, artifacts: Path
) -> Iterator[Surveyor]:
    """Each page's survey, made when a test first asks for it, then kept."""
    surveyor = Surveyor(
        browser,
        base_url,
        artifacts,
        surveyed_pages(request.session.items),
        crews=int(os.environ.get("BROWSER_CREWS", "1")),
    )
    yield surveyor
    surveyor.close()


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
