"""Each page's visits, shared by every per-page browser check (`surveys` fixture).

A `Surveyor` opens each page once in a light tab and once in a dark tab at 1440 px,
and once more at 390 px if it has pairs or diagrams, records everything the checks
of test_reader_experience.py and test_diagrams.py need, and each test asserts its
part, so a failure still names its page, check and figure. The tabs stay open from
page to page: a new browser context per visit costs a new renderer process, and
these tests are bound by the machine's CPU.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route

from site_extensions.diagrams import load as load_diagram
from site_extensions.diagrams import placements

from .tabs import PHONE, ROOT, WIDE, Tab, Traffic

DOCS = ROOT / "docs"
LIGHT, DARK, PHONE_TAB = "light, 1440 px", "dark, 1440 px", "light, 390 px"
TABS: dict[str, dict[str, Any]] = {
    LIGHT: {"viewport": WIDE, "color_scheme": "light"},
    DARK: {"viewport": WIDE, "color_scheme": "dark"},
    PHONE_TAB: {"viewport": PHONE, "color_scheme": "light"},
}
AXE_SCRIPT = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
#: Where the test server serves AXE_SCRIPT (no built site has a dot-folder at its
#: root). Loaded by URL, it costs a page less CPU than the same script passed
#: inline through Playwright.
AXE_URL_PATH = "/.browser-tests/axe.min.js"
CONTRAST_TWINS = Path(__file__).with_name("contrast_twins.js").read_text("utf-8")
#: Material's search index, which every page's search worker fetches and indexes.
SEARCH_INDEX = "**/search/search_index.json"


def page_urls() -> list[str]:
    pages = sorted(DOCS.rglob("*.md")) + sorted(DOCS.rglob("*.ipynb"))
    return [str(path.relative_to(DOCS).with_suffix(".html")) for path in pages]


def pages_with_pairs() -> list[str]:
    return [
        str(path.relative_to(DOCS).with_suffix(".html"))
        for path in sorted(DOCS.rglob("*.md"))
        if 'class="pair"' in path.read_text(encoding="utf-8")
    ]


def diagrams_by_page() -> dict[str, list[str]]:
    """The diagrams each page places, by the page's URL, in the page's order."""
    found: dict[str, list[str]] = {}
    for page in sorted(DOCS.rglob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for _, _, name in placements(lines):
            url = str(page.relative_to(DOCS).with_suffix(".html"))
            found.setdefault(url, []).append(name)
    return found


PAIR_PAGES = frozenset(pages_with_pairs())
PLACED = diagrams_by_page()
#: Figures kept in build/browser/ for a person to look at.
DIAGRAM_SCREENSHOTS = {"threads-join-parallel", "condvar-wait", "deadlock-cycle"}


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


MEASURE_DIAGRAM = """ident => {
  const figure = document.getElementById(ident);
  if (!figure) return null;
  const svg = figure.querySelector('svg');
  const frame = figure.querySelector('.diagram-frame');
  figure.scrollIntoView({block: 'center', inline: 'nearest'});
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            width: r.width, height: r.height}; };
  const fbox = box(figure);
  const hit = document.elementFromPoint(
    Math.min(Math.max(fbox.left + 20, 0), innerWidth - 1),
    Math.min(Math.max(fbox.top + 20, 0), innerHeight - 1));
  let background = 'rgba(0, 0, 0, 0)';
  for (let e = figure; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor;
    if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') {
      background = colour; break;
    }
  }
  if (background === 'rgba(0, 0, 0, 0)') background = 'rgb(255, 255, 255)';
  const nodes = [...svg.querySelectorAll('rect.dg-node')].map(r => [box(r),
    getComputedStyle(r).fill]);
  const behind = t => {
    const b = box(t), x = (b.left + b.right) / 2, y = (b.top + b.bottom) / 2;
    const node = nodes.find(([n]) => n.left <= x && x <= n.right && n.top <= y
      && y <= n.bottom);
    return node ? node[1] : background;
  };
  const texts = [...svg.querySelectorAll('text')].map(t => ({
    words: t.textContent, colour: getComputedStyle(t).fill, behind: behind(t),
    size: parseFloat(getComputedStyle(t).fontSize), width: box(t).width}));
  const meaningful = 'rect.dg-span-run, rect.dg-span-hold, rect.dg-span-wait, ' +
    'rect.dg-span-sleep, line.dg-arrow, line.dg-edge, circle.dg-dot, rect.dg-node, ' +
    'line.dg-axis, marker path';
  const graphics = [...svg.querySelectorAll(meaningful)].map(g => {
    const style = getComputedStyle(g);
    const filled = g.matches('rect.dg-span-run, rect.dg-span-hold, marker path');
    return {what: g.getAttribute('class') || g.tagName,
            colour: filled ? style.fill : style.stroke};
  });
  return {
    figure: fbox, svg: box(svg), frame: box(frame),
    svgWidth: parseFloat(svg.getAttribute('width')),
    frameScroll: frame.scrollWidth, frameClient: frame.clientWidth,
    frameOverflow: getComputedStyle(frame).overflowX,
    visible: figure.checkVisibility() && svg.checkVisibility(),
    unhidden: !!hit && figure.contains(hit),
    pageScroll: document.documentElement.scrollWidth, viewport: innerWidth,
    scheme: document.body.getAttribute('data-md-color-scheme'),
    background, texts, graphics,
  };
}"""


@dataclass
class Survey:
    """What one page showed on its visits: each page test asserts one part of it.

    Every page is visited in a light tab and a dark tab at 1440 px, and a page with
    pairs or diagrams in a third tab at 390 px. The light visit is the load check
    (the survey ends once the network has gone idle), measures the wide layout and
    runs axe; the dark visit runs axe too. Each diagram is measured in all three
    tabs, after the audits (its measurement scrolls the page). Each visit's traffic
    is recorded from its first request until its tab visits another page, so axe
    and the measurements run under the same watch.
    """

    title: str = ""
    traffic: dict[str, Traffic] = field(default_factory=dict)
    schemes: dict[str, str | None] = field(default_factory=dict)
    #: Per scheme, axe's violations; each node names its target and its figure.
    axe: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    contrast_twins: dict[str, int] = field(default_factory=dict)
    #: Per scheme, the contrast keys whose first element this page's audit checked.
    contrast_keys: dict[str, list[str]] = field(default_factory=dict)
    wide_pairs: list[list[dict[str, float]]] = field(default_factory=list)
    too_wide: list[str] = field(default_factory=list)
    phone_pairs: list[list[dict[str, float]]] = field(default_factory=list)
    phone_width: int = 0
    #: Per tab, each placed diagram's measurements (None: no such figure).
    diagrams: dict[str, dict[str, dict[str, Any] | None]] = field(default_factory=dict)
    #: How many images the light tab names with each diagram's title.
    diagram_names: dict[str, int] = field(default_factory=dict)


def start_axe(page: Page, base_url: str, audited: set[str]) -> tuple[int, list[str]]:
    """Inject axe-core and start it; `axe_violations` collects what it found.

    Starting both schemes' runs before waiting for either lets the light visit's
    checks proceed while the dark page is being audited in its own renderer. The
    color-contrast rule skips the elements contrast_twins.js marks: their verdict is
    that of an earlier element on this page, or of one whose key is in `audited`
    (checked on an earlier page in the same scheme); every other rule audits every
    element. Returns how many elements were marked, and the keys this audit checks
    first.
    """
    page.add_script_tag(url=f"{base_url}{AXE_URL_PATH}")
    marked = page.evaluate(f"({CONTRAST_TWINS})", sorted(audited))
    # axe.run does most of its work before it returns its promise, so it is started
    # from a timer: this call returns at once and the renderer audits on its own.
    page.evaluate(
        """() => {
            axe.configure({rules: [{id: 'color-contrast',
                selector: '*:not([data-contrast-twin])'}]});
            const found = node => ({target: node.target.join(' '),
                figure: node.element?.closest('figure.diagram')?.id ?? null});
            window.__axeViolations = new Promise(resolve => setTimeout(() =>
                resolve(axe.run(document, {resultTypes: ['violations'],
                                           elementRef: true})
                    .then(result => result.violations.map(v => ({id: v.id,
                        impact: v.impact, help: v.help,
                        nodes: v.nodes.map(found)})))),
            0));
        }"""
    )
    return marked["twins"], marked["keys"]


def index_no_documents(route: Route) -> None:
    """Serve a surveyed page the site's search index without its documents.

    Every page's search worker indexes the text of every page as it loads: about
    a second of CPU a visit, the same work on every page, and no survey check
    reads its result. The index is still fetched from the site: served as it is,
    unchanged, unless it is the JSON object Material writes, so a missing or
    broken index still fails the page's load check. The search itself runs on the
    whole index in test_reader_experience.py (over HTTP and in the file:// build).
    """
    response = route.fetch()
    try:
        index = response.json() if response.ok else None
    except ValueError:
        index = None
    if isinstance(index, dict) and isinstance(index.get("docs"), list):
        route.fulfill(response=response, json={**index, "docs": []})
    else:
        route.fulfill(response=response)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    return page.evaluate("() => window.__axeViolations")


class Crew:
    """The tabs one page is surveyed in, kept open from page to page."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url
        self.tabs: dict[str, Tab] = {}
        self.busy_with: str | None = None

    def tab(self, name: str) -> Tab:
        if name not in self.tabs:
            self.tabs[name] = Tab(self.browser, self.base_url, **TABS[name])
            self.tabs[name].context.route(SEARCH_INDEX, index_no_documents)
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

    The contrast keys a page's audit checked first are carried to the pages
    surveyed after it (per scheme), once its survey is complete: a key checked on
    one page is not checked again on the next (see contrast_twins.js).
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
        self.audited: dict[str, set[str]] = {"light": set(), "dark": set()}

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
        """Complete the page's survey: its phone visit, both audits, the diagrams."""
        if path in self.done:
            return
        crew, survey = self.begun.pop(path)
        crew.busy_with = None
        try:
            self.end(path, crew, survey)
        except Exception as error:  # reported by every test of that page
            self.done[path] = f"{path}: visiting the page failed: {error}"
            return
        for scheme, keys in survey.contrast_keys.items():
            self.audited[scheme].update(keys)
        self.done[path] = survey

    def start(self, path: str, crew: Crew, survey: Survey) -> None:
        url = f"{self.base_url}/{path}"
        light, dark = crew.tab(LIGHT), crew.tab(DARK)
        survey.traffic[LIGHT] = light.visit(url)
        survey.traffic[DARK] = dark.visit(url)
        survey.schemes["dark"] = dark.page.get_attribute("body", "data-md-color-scheme")
        survey.contrast_twins["dark"], survey.contrast_keys["dark"] = start_axe(
            dark.page, self.base_url, self.audited["dark"]
        )
        survey.title = light.page.title()
        survey.schemes["light"] = light.page.get_attribute(
            "body", "data-md-color-scheme"
        )
        if path in PAIR_PAGES:
            survey.wide_pairs = boxes(light.page, ".pair")
            survey.too_wide = scrolling_code(light.page)
            if path == "threads.html":
                light.page.screenshot(path=self.artifacts / "threads-1440.png")
        survey.contrast_twins["light"], survey.contrast_keys["light"] = start_axe(
            light.page, self.base_url, self.audited["light"]
        )

    def end(self, path: str, crew: Crew, survey: Survey) -> None:
        if path in PAIR_PAGES or path in PLACED:
            phone = crew.tab(PHONE_TAB).page
            survey.traffic[PHONE_TAB] = crew.tabs[PHONE_TAB].visit(
                f"{self.base_url}/{path}"
            )
            survey.phone_pairs = boxes(phone, ".pair")
            survey.phone_width = phone.evaluate("document.documentElement.scrollWidth")
            if path == "threads.html":
                phone.screenshot(path=self.artifacts / "threads-390.png")
                phone.locator(".pair").first.screenshot(
                    path=self.artifacts / "threads-pair-390.png"
                )
        light, dark = crew.tabs[LIGHT], crew.tabs[DARK]
        survey.axe["light"] = axe_violations(light.page)
        survey.axe["dark"] = axe_violations(dark.page)
        for name in PLACED.get(path, []):
            survey.diagram_names[name] = light.page.get_by_role(
                "img", name=load_diagram(name).title, exact=True
            ).count()
        for tab in (LIGHT, DARK, PHONE_TAB) if path in PLACED else ():
            survey.diagrams[tab] = self.measure_diagrams(path, crew.tabs[tab].page, tab)
        # The load check: no request may still be in flight, or start, until the
        # network has been quiet for 500 ms (by now, after both audits, it mostly
        # has been, so this rarely waits).
        light.page.wait_for_load_state("networkidle")

    def measure_diagrams(
        self, path: str, page: Page, tab: str
    ) -> dict[str, dict[str, Any] | None]:
        measures = {}
        for name in PLACED[path]:
            measures[name] = seen = page.evaluate(MEASURE_DIAGRAM, f"diagram-{name}")
            # A hidden figure cannot be shot: test_drawn_and_visible says so.
            if name in DIAGRAM_SCREENSHOTS and seen and seen["visible"]:
                shot = self.artifacts / f"diagram-{name}-{tab.replace(', ', '-')}.png"
                page.locator(f"#diagram-{name}").screenshot(path=shot)
        return measures

    def close(self) -> None:
        for crew in self.crews:
            crew.close()
        surveys = {
            path: survey
            for path, survey in self.done.items()
            if isinstance(survey, Survey)
        }
        findings = {
            f"{path} ({scheme})": violations
            for path, survey in surveys.items()
            for scheme, violations in survey.axe.items()
        }
        (self.artifacts / "axe-findings.json").write_text(
            json.dumps(findings, indent=2)
        )
        twins = {
            f"{path} ({scheme})": {
                "contrast left to an earlier element": marked,
                "contrast keys first checked here": len(survey.contrast_keys[scheme]),
            }
            for path, survey in surveys.items()
            for scheme, marked in survey.contrast_twins.items()
        }
        (self.artifacts / "contrast-twins.json").write_text(json.dumps(twins, indent=2))


def surveyed_pages(items: list[pytest.Item]) -> list[str]:
    """The pages this run's tests will ask the surveyor for, in the order they ask."""
    order: dict[str, None] = {}
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec and "surveys" in getattr(item, "fixturenames", ()):
            order.setdefault(callspec.params.get("path", callspec.params.get("url")))
    return [page for page in order if page]
