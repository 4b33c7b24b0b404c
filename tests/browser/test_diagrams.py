"""The diagrams in the built site, in Chromium: drawn, visible, legible, accessible.

Each page that places a diagram is surveyed (survey.py) at 1440 px in a light and a
dark tab and at 390 px in a light one, on the visits the page checks share; each
diagram is measured on all three, and each test asserts its part for one diagram.
Contrast is computed here from the colours Chromium drew (axe leaves the text inside
an `<svg role="img">` alone, as an image's content); the figures' axe findings are
those of each scheme's audit of the whole page that lie inside a figure.
"""

from __future__ import annotations

from typing import Any

import pytest

from site_extensions.diagrams import load

from .survey import DARK, LIGHT, PHONE_TAB, PLACED, TABS, Surveyor

#: WCAG 2.2 AA: 4.5:1 for text this size, 3:1 for the lines and bars that carry
#: meaning (1.4.11); the dotted guides and leaders only help the eye.
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0
SMALLEST_FONT_PX = 12
DIAGRAMS = [(url, name) for url, names in PLACED.items() for name in names]


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


def measured(surveys: Surveyor, url: str, name: str, tab: str) -> dict[str, Any]:
    found = surveys(url).diagrams[tab][name]
    assert found is not None, f"{url} ({tab}): no figure #diagram-{name}"
    return found


def test_every_diagram_is_placed() -> None:
    assert len(DIAGRAMS) >= 12, DIAGRAMS


@pytest.mark.parametrize("tab", list(TABS))
@pytest.mark.parametrize(("url", "name"), DIAGRAMS)
def test_drawn_and_visible(surveys: Surveyor, url: str, name: str, tab: str) -> None:
    seen = measured(surveys, url, name, tab)
    assert seen["visible"], f"{name} ({tab}) is hidden"
    assert seen["unhidden"], f"{name} ({tab}) is covered by another element"
    assert seen["svg"]["width"] > 100, seen["svg"]
    assert seen["svg"]["height"] > 60, seen["svg"]
    drawn = [text for text in seen["texts"] if text["width"] > 0]
    assert len(drawn) == len(seen["texts"]) > 3, f"{name}: unrendered text"


@pytest.mark.parametrize(("url", "name"), DIAGRAMS)
def test_fits_a_phone_and_scrolls_inside_itself(
    surveys: Surveyor, url: str, name: str
) -> None:
    seen = measured(surveys, url, name, PHONE_TAB)
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


@pytest.mark.parametrize("tab", [LIGHT, DARK])
@pytest.mark.parametrize(("url", "name"), DIAGRAMS)
def test_contrast(surveys: Surveyor, url: str, name: str, tab: str) -> None:
    seen = measured(surveys, url, name, tab)
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


@pytest.mark.parametrize("tab", [LIGHT, DARK])
@pytest.mark.parametrize("url", list(PLACED))
def test_axe_finds_nothing_in_the_figures(
    surveys: Surveyor, url: str, tab: str
) -> None:
    scheme = "dark" if tab == DARK else "light"
    findings = [
        f"#{node['figure']}: {violation['id']} ({violation['impact']}, "
        f"{violation['help']}) at {node['target']}"
        for violation in surveys(url).axe[scheme]
        for node in violation["nodes"]
        if node["figure"]
    ]
    assert not findings, f"{url} ({tab}): " + "; ".join(findings)


@pytest.mark.parametrize(("url", "name"), DIAGRAMS)
def test_each_diagram_has_its_title_as_accessible_name(
    surveys: Surveyor, url: str, name: str
) -> None:
    assert surveys(url).diagram_names[name] == 1, (
        f"{url}: no image named {load(name).title!r}"
    )


def test_contrast_is_measured_as_wcag_defines_it() -> None:
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(
        4.54, abs=0.01
    )
    assert contrast("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(1)
