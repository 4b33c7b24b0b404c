"""The diagrams in the built site, in Chromium: drawn, visible, legible, accessible.

Each page that places a diagram is visited at 1440 px in a light and a dark tab and
at 390 px in a light one; what every check needs is measured on those visits and
each test asserts its part for one diagram. Contrast is computed here from the
colours Chromium drew (axe leaves the text inside an `<svg role="img">` alone, as
an image's content), and axe audits the figures themselves in both schemes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from site_extensions.diagrams import load, placements

from .conftest import ROOT, Tab

DOCS = ROOT / "docs"
WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_SCRIPT = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
#: WCAG 2.2 AA: 4.5:1 for text this size, 3:1 for the lines and bars that carry
#: meaning (1.4.11); the dotted guides and leaders only help the eye.
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0
SMALLEST_FONT_PX = 12
TABS = {
    "light, 1440 px": {"viewport": WIDE, "color_scheme": "light"},
    "dark, 1440 px": {"viewport": WIDE, "color_scheme": "dark"},
    "light, 390 px": {"viewport": PHONE, "color_scheme": "light"},
}


def diagrams_by_page() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for page in sorted(DOCS.rglob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for _, _, name in placements(lines):
            url = str(page.relative_to(DOCS).with_suffix(".html"))
            found.setdefault(url, []).append(name)
    return found


PLACED = diagrams_by_page()
DIAGRAMS = [(url, name) for url, names in PLACED.items() for name in names]

MEASURE = """ident => {
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


def channels(colour: str) -> tuple[float, float, float, float]:
    """The red, green, blue (0-255) and alpha of a computed CSS colour."""
    inside = colour[colour.index("(") + 1 : colour.index(")")]
    parts = [float(part) for part in inside.replace("/", ",").split(",")]
    return parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0


def luminance(colour: str, over: str = "rgb(255, 255, 255)") -> float:
    red, green, blue, alpha = channels(colour)
    if alpha < 1:
        base = channels(over)
        red, green, blue = (
            alpha * top + (1 - alpha) * bottom
            for top, bottom in zip((red, green, blue), base[:3], strict=True)
        )

    def linear(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(colour: str, background: str) -> float:
    light, dark = sorted(
        (luminance(colour, background), luminance(background)), reverse=True
    )
    return (light + 0.05) / (dark + 0.05)


@dataclass
class Visit:
    measures: dict[str, dict[str, Any]] = field(default_factory=dict)
    axe: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, int] = field(default_factory=dict)


class Looker:
    """Visits each page that has diagrams, once per tab, and keeps what it saw."""

    def __init__(self, browser: Browser, base_url: str, artifacts: Path) -> None:
        self.browser, self.base_url, self.artifacts = browser, base_url, artifacts
        self.tabs: dict[str, Tab] = {}
        self.seen: dict[tuple[str, str], Visit | str] = {}

    def __call__(self, url: str, tab: str) -> Visit:
        if (url, tab) not in self.seen:
            try:
                self.seen[url, tab] = self.look(url, tab)
            except Exception as error:  # reported by every test of that page
                self.seen[url, tab] = f"{url} ({tab}): visiting failed: {error}"
        seen = self.seen[url, tab]
        if isinstance(seen, str):
            pytest.fail(seen, pytrace=False)
        return seen

    def look(self, url: str, tab: str) -> Visit:
        if tab not in self.tabs:
            self.tabs[tab] = Tab(self.browser, self.base_url, **TABS[tab])
        page = self.tabs[tab].page
        self.tabs[tab].visit(f"{self.base_url}/{url}")
        visit = Visit()
        for name in PLACED[url]:
            ident = f"diagram-{name}"
            visit.measures[name] = page.evaluate(MEASURE, ident)
            title = load(name).title
            visit.names[name] = page.get_by_role("img", name=title, exact=True).count()
            if name in SCREENSHOTS and tab in SCREENSHOTS[name]:
                shot = self.artifacts / f"diagram-{name}-{tab.replace(', ', '-')}.png"
                page.locator(f"#{ident}").screenshot(path=shot)
        visit.axe = audit(page) if "1440" in tab else []
        return visit

    def close(self) -> None:
        for tab in self.tabs.values():
            tab.close()


#: Figures kept in build/browser/ for a person to look at.
SCREENSHOTS = {
    "threads-join-parallel": ("light, 1440 px", "dark, 1440 px", "light, 390 px"),
    "condvar-wait": ("light, 1440 px", "dark, 1440 px", "light, 390 px"),
    "deadlock-cycle": ("light, 1440 px", "dark, 1440 px", "light, 390 px"),
}


def audit(page: Page) -> list[dict[str, Any]]:
    """axe-core's findings on the page's figures (every rule, every impact)."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        """() => axe.run({include: [['figure.diagram']]},
            {resultTypes: ['violations']})
          .then(result => result.violations.map(v => ({id: v.id, impact: v.impact,
             help: v.help, targets: v.nodes.map(n => n.target.join(' '))})))"""
    )


@pytest.fixture(scope="module")
def looks(browser: Browser, base_url: str, artifacts: Path) -> Iterator[Looker]:
    looker = Looker(browser, base_url, artifacts)
    yield looker
    looker.close()


def measured(looks: Looker, url: str, name: str, tab: str) -> dict[str, Any]:
    found = looks(url, tab).measures[name]
    assert found is not None, f"{url} ({tab}): no figure #diagram-{name}"
    return found


def test_every_diagram_is_placed() -> None:
    assert len(DIAGRAMS) >= 12, DIAGRAMS


@pytest.mark.parametrize("tab", list(TABS))
@pytest.mark.parametrize(("url", "name"), DIAGRAMS)
def test_drawn_and_visible(looks: Looker, url: str, name: str, tab: str) -> None:
    seen = measured(looks, url, name, tab)
    assert seen["visible"], f"{name} ({tab}) is hidden"
    assert seen["unhidden"], f"{name} ({tab}) is covered by another element"
    assert seen["svg"]["width"] > 100, seen["svg"]
    assert seen["svg"]["height"] > 60, seen["svg"]
    drawn = [text for text in seen["texts"] if text["width"] > 0]
    assert len(drawn) == len(seen["texts"]) > 3, f"{name}: unrendered text"


@pytest.mark.parametrize(("url", "name"), DIAGRAMS)
def test_fits_a_phone_and_scrolls_inside_itself(
    looks: Looker, url: str, name: str
) -> None:
    seen = measured(looks, url, name, "light, 390 px")
    assert seen["pageScroll"] <= seen["viewport"], (
        f"{url}: the page scrolls sideways ({seen['pageScroll']} px wide)"
    )
    assert seen["figure"]["left"] >= 0, seen["figure"]
    assert seen["figure"]["right"] <= seen["viewport"], seen["figure"]
    assert seen["frame"]["right"] <= seen["viewport"], seen["frame"]
    # Drawn at full size (never shrunk below legibility): what does not fit scrolls.
    assert abs(seen["svg"]["width"] - seen["svgWidth"]) < 1, seen["svg"]
    assert min(text["size"] for text in seen["texts"]) >= SMALLEST_FONT_PX
    if seen["svgWidth"] > seen["frameClient"]:
        assert seen["frameOverflow"] in ("auto", "scroll"), seen["frameOverflow"]
        assert seen["frameScroll"] >= seen["svgWidth"], seen


@pytest.mark.parametrize("tab", ["light, 1440 px", "dark, 1440 px"])
@pytest.mark.parametrize(("url", "name"), DIAGRAMS)
def test_contrast(looks: Looker, url: str, name: str, tab: str) -> None:
    seen = measured(looks, url, name, tab)
    assert seen["scheme"] == ("slate" if tab.startswith("dark") else "default")
    weak = [
        f"text {text['words']!r}: {contrast(text['colour'], text['behind']):.2f}"
        for text in seen["texts"]
        if contrast(text["colour"], text["behind"]) < TEXT_CONTRAST
    ]
    weak += [
        f"{shape['what']}: {contrast(shape['colour'], seen['background']):.2f}"
        for shape in seen["graphics"]
        if contrast(shape["colour"], seen["background"]) < GRAPHIC_CONTRAST
    ]
    assert seen["graphics"], f"{name}: no lines or bars measured"
    assert not weak, f"{name} ({tab}), on {seen['background']}: " + "; ".join(weak)


@pytest.mark.parametrize("tab", ["light, 1440 px", "dark, 1440 px"])
@pytest.mark.parametrize("url", list(PLACED))
def test_axe_finds_nothing_in_the_figures(looks: Looker, url: str, tab: str) -> None:
    findings = looks(url, tab).axe
    assert not findings, f"{url} ({tab}): {findings}"


@pytest.mark.parametrize(("url", "name"), DIAGRAMS)
def test_each_diagram_has_its_title_as_accessible_name(
    looks: Looker, url: str, name: str
) -> None:
    assert looks(url, "light, 1440 px").names[name] == 1, (
        f"{url}: no image named {load(name).title!r}"
    )


def test_contrast_is_measured_as_wcag_defines_it() -> None:
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(
        4.54, abs=0.01
    )
    assert contrast("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(1)
