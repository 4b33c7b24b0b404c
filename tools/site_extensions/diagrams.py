"""Diagrams drawn at build time: a small TOML source becomes inline SVG.

A page places a diagram with a line of its own::

    <!-- diagram: threads-join-serial -->

which names `docs/diagrams/threads-join-serial.toml`. The line becomes a `<figure>`
holding an `<svg role="img">` whose `<title>` and `<desc>` are its text alternative.
Nothing runs in the reader's browser: colours are CSS classes that
`docs/stylesheets/diagrams.css` maps onto the site's light and dark palettes, and a
figure wider than the column scrolls inside itself.

Every source has `kind`, `title` and `description` (the text alternative: the
description says in words everything the picture shows). Two kinds:

- `kind = "timeline"`: time flows down the page, one column ("lane") per thread.
  `lanes = [...]` names them; `lane_width` (pixels, 120) spaces them; `left_room`
  makes room for labels put left of the first lane. `spans` are what a thread
  does from one row to another: `{ lane, from, to, kind, label }` with `kind`
  `run`, `wait` (blocked), `hold` (holds a lock) or `sleep`; the legend names the
  kinds used (`legend = { hold = "..." }` rewords one). `events` are dots:
  `{ lane, at, label, side }`, or with `out = true` a line the thread prints,
  shown in the "output" column. `arrows` go `{ from = "lane@row", to =
  "lane@row", label, label_at }` (a spawn, a message, a happens-before edge).
  Rows are numbers, fractions allowed.
- `kind = "graph"`: boxes on a grid, `nodes = [{ id, label, at = [column, row],
  shape }]` with `shape` `thread`, `lock`, `channel` or `value` (a label may
  hold a line break), joined by `edges = [{ from, to, label, style }]`
  with `style` `solid`, `wait` (dashed) or `cycle` (a deadlock's edge);
  `column_width` and `row_height` space the grid.

A diagram that depicts a listing states facts, so its `[[ties]]` are checked when
it is drawn (and by `tests/test_diagrams.py`):

- `file = "src/bin/NAME/output.txt"`: the timeline's printed lines (`out = true`),
  taken in time order, are lines of that verified output in the same order
  (`output.unordered.txt`: each is one of its lines);
- `file = "src/bin/NAME/main.rs"`, `in_order = [...]`: each fragment is shown in
  the diagram and occurs in the listing, in that order.

A listing change that invalidates a picture therefore fails the build, naming the
page, the diagram and what differed. Labels that would overlap fail it too.

In mkdocs.yml: `- site_extensions.diagrams` under `markdown_extensions:`.
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_extensions import DOCS, ROOT, page_path

SOURCES = DOCS / "diagrams"
SNIPPETS = ROOT / "snippets"
#: After Python-Markdown's whitespace normalisation (30), which would strip the
#: placeholder's markers, and before the HTML block processor (20), which would
#: stash the marker away as a comment.
PRIORITY = 28
MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*diagram:\s*(?P<name>[\w-]+)\s*-->\s*$")

FONT = 13
#: The advance of one character of the monospace labels (0.6 em), and an upper
#: bound for the sans-serif ones.
CHAR = FONT * 0.6
MARGIN = 16
ROW = 28
HEADER = 34
BAR = 10
SPAN_KINDS = {
    "run": "running",
    "wait": "blocked, waiting",
    "hold": "holding the lock",
    "sleep": "asleep",
}
SHAPES = ("thread", "lock", "channel", "value")
EDGE_STYLES = ("solid", "wait", "cycle")
OUTPUT_NAMES = ("output.txt", "output.unordered.txt")


class DiagramError(ValueError):
    """A diagram source that cannot be drawn, or a picture its listing contradicts."""


# --------------------------------------------------------------------------
# Reading a source
# --------------------------------------------------------------------------


Keys = dict[str, type | tuple[type, ...]]


def _table(value: Any, where: str, keys: Keys) -> None:
    """Refuse a table with a missing or unknown key, or a value of the wrong type."""
    if not isinstance(value, dict):
        raise DiagramError(f"{where}: expected a table, got {value!r}")
    unknown = sorted(set(value) - set(keys))
    if unknown:
        raise DiagramError(
            f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(keys))})"
        )
    for key, kind in keys.items():
        if key in value and not isinstance(value[key], kind):
            raise DiagramError(f"{where}: {key} = {value[key]!r} has the wrong type")


@dataclass(frozen=True)
class Tie:
    file: str
    in_order: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    name: str
    path: Path
    data: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.data["kind"])

    @property
    def title(self) -> str:
        return str(self.data["title"])

    @property
    def description(self) -> str:
        return str(self.data["description"])

    @property
    def ties(self) -> list[Tie]:
        return [
            Tie(tie["file"], tuple(tie.get("in_order", ())))
            for tie in self.data.get("ties", [])
        ]

    def where(self, item: str = "") -> str:
        shown = _shown(self.path)
        return f"{shown}, {item}" if item else shown


def _shown(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


COMMON_KEYS: Keys = {
    "kind": str,
    "title": str,
    "description": str,
    "ties": list,
}
TIMELINE_KEYS = {
    **COMMON_KEYS,
    "lanes": list,
    "lane_width": int,
    "spans": list,
    "events": list,
    "arrows": list,
    "legend": dict,
    "left_room": int,
}
GRAPH_KEYS = {
    **COMMON_KEYS,
    "nodes": list,
    "edges": list,
    "column_width": int,
    "row_height": int,
}
NUMBER = (int, float)


def load(name: str, sources: Path = SOURCES) -> Source:
    """The diagram `name`, read and checked; DiagramError names the file and the key."""
    path = sources / f"{name}.toml"
    if not path.is_file():
        raise DiagramError(f"{_shown(path)} does not exist")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DiagramError(f"{_shown(path)}: {error}") from None
    source = Source(name, path, data)
    kind = data.get("kind")
    if kind not in ("timeline", "graph"):
        raise DiagramError(f'{source.where()}: kind is "timeline" or "graph"')
    _table(data, source.where(), TIMELINE_KEYS if kind == "timeline" else GRAPH_KEYS)
    for key in ("title", "description"):
        if not str(data.get(key, "")).strip():
            raise DiagramError(
                f"{source.where()}: {key} is missing (the text alternative)"
            )
    for index, tie in enumerate(data.get("ties", [])):
        where = source.where(f"ties[{index}]")
        _table(tie, where, {"file": str, "in_order": list})
        if "file" not in tie:
            raise DiagramError(f"{where}: file is missing")
    return source


# --------------------------------------------------------------------------
# SVG pieces
# --------------------------------------------------------------------------


def _attrs(**attributes: object) -> str:
    return "".join(
        f' {key.rstrip("_").replace("_", "-")}="{html.escape(str(value))}"'
        for key, value in attributes.items()
        if value is not None
    )


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _text(x: float, y: float, words: str, css: str, anchor: str = "start") -> str:
    return (
        f'<text x="{_number(x)}" y="{_number(y)}" class="{css}"'
        f"{_attrs(text_anchor=None if anchor == 'start' else anchor)}>"
        f"{html.escape(words)}</text>"
    )


@dataclass(frozen=True)
class Box:
    """Where a piece of the drawing is, to refuse overlaps."""

    what: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


def text_width(words: str) -> float:
    return len(words) * CHAR


def _label_box(what: str, x: float, baseline: float, words: str, anchor: str) -> Box:
    width = text_width(words)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(what, left, baseline - FONT * 0.8, left + width, baseline + FONT * 0.25)


def refuse_overlaps(source: Source, boxes: list[Box]) -> None:
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            if box.overlaps(other):
                raise DiagramError(
                    f"{source.where()}: {box.what} overlaps {other.what}: move one "
                    "to another row or widen the lanes"
                )


def _arrowhead(ident: str, css: str) -> str:
    return (
        f'<marker id="{ident}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" class="{css}"/></marker>'
    )


def _line(
    start: tuple[float, float], end: tuple[float, float], css: str, marker: str
) -> str:
    (x1, y1), (x2, y2) = start, end
    return (
        f'<line x1="{_number(x1)}" y1="{_number(y1)}" x2="{_number(x2)}" '
        f'y2="{_number(y2)}" class="{css}" marker-end="url(#{marker})"/>'
    )


def _shorten(
    start: tuple[float, float], end: tuple[float, float], by_start: float, by_end: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    (x1, y1), (x2, y2) = start, end
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1e-9)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    return (x1 + ux * by_start, y1 + uy * by_start), (
        x2 - ux * by_end,
        y2 - uy * by_end,
    )


@dataclass
class Drawing:
    """SVG elements and the size they need."""

    width: float
    height: float
    elements: list[str]
    markers: list[str]


def svg(source: Source, drawing: Drawing) -> str:
    """The figure: the SVG with its title and description, in a scrolling frame."""
    ident = f"diagram-{source.name}"
    width, height = round(drawing.width), round(drawing.height)
    parts = [
        f'<figure class="diagram" id="{ident}">',
        f'<div class="diagram-frame" tabindex="0" role="group" '
        f'aria-labelledby="{ident}-caption">',
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        f'class="diagram-{source.kind}">',
        f'<title id="{ident}-title">{html.escape(source.title)}</title>',
        f'<desc id="{ident}-desc">{html.escape(source.description)}</desc>',
        f"<defs>{''.join(drawing.markers)}</defs>",
        *drawing.elements,
        "</svg></div>",
        f'<figcaption id="{ident}-caption">{html.escape(source.title)}</figcaption>',
        "</figure>",
    ]
    return "".join(parts)


# --------------------------------------------------------------------------
# Timelines
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    """A line a timeline shows a thread printing."""

    at: float
    lane: int
    text: str


def _row(value: Any, where: str) -> float:
    if not isinstance(value, NUMBER) or isinstance(value, bool) or value < 0:
        raise DiagramError(f"{where}: a row is a number, 0 or more; got {value!r}")
    return float(value)


def _lane(lanes: list[str], value: Any, where: str) -> int:
    if value not in lanes:
        raise DiagramError(f"{where}: no lane {value!r} (lanes: {', '.join(lanes)})")
    return lanes.index(value)


def _point(lanes: list[str], value: Any, where: str) -> tuple[int, float]:
    lane, at, row = str(value).rpartition("@")
    if not at:
        raise DiagramError(f'{where}: a point is "lane@row", got {value!r}')
    try:
        number = float(row)
    except ValueError:
        raise DiagramError(f'{where}: a point is "lane@row", got {value!r}') from None
    return _lane(lanes, lane, where), _row(number, where)


def printed_lines(source: Source) -> list[Printed]:
    """The lines a timeline shows being printed, in time order (then lane order)."""
    lanes = _lanes(source)
    found = [
        Printed(
            _row(event["at"], source.where(f"events[{index}]")),
            _lane(lanes, event["lane"], source.where(f"events[{index}]")),
            str(event["label"]),
        )
        for index, event in enumerate(source.data.get("events", []))
        if event.get("out")
    ]
    return sorted(found, key=lambda line: (line.at, line.lane))


def _lanes(source: Source) -> list[str]:
    lanes = source.data.get("lanes", [])
    if not lanes or not all(isinstance(lane, str) for lane in lanes):
        raise DiagramError(f"{source.where()}: lanes is a list of thread names")
    if len(set(lanes)) != len(lanes):
        raise DiagramError(f"{source.where()}: two lanes have the same name")
    return list(lanes)


class TimelineLayout:
    """Where lanes and rows of a timeline are drawn; what has been placed so far."""

    def __init__(self, source: Source, lanes: list[str]) -> None:
        self.source = source
        self.lanes = lanes
        self.lane_width = int(source.data.get("lane_width", 120))
        self.origin = MARGIN + 18 + int(source.data.get("left_room", 0))
        self.top = HEADER + 10
        self.boxes: list[Box] = []
        self.segments: list[tuple[str, tuple[float, float], tuple[float, float]]] = []
        self.right = self.lane_x(len(lanes) - 1) + BAR + MARGIN
        self.bottom = self.row_y(1)

    def lane_x(self, index: int) -> float:
        return self.origin + index * self.lane_width

    def row_y(self, at: float) -> float:
        return self.top + at * ROW

    def label(
        self, what: str, x: float, baseline: float, words: str, css: str, anchor: str
    ) -> str:
        self.boxes.append(_label_box(what, x, baseline, words, anchor))
        self.right = max(self.right, self.boxes[-1].right + MARGIN)
        return _text(x, baseline, words, css, anchor)

    def refuse_crossings(self) -> None:
        """Refuse an arrow drawn through a label that is not its own."""
        labels = [box for box in self.boxes if "label" in box.what]
        for what, (x1, y1), (x2, y2) in self.segments:
            for box in labels:
                if box.what.startswith(f"{what}'s"):
                    continue
                for step in range(41):
                    x = x1 + (x2 - x1) * step / 40
                    y = y1 + (y2 - y1) * step / 40
                    if box.left + 1 < x < box.right - 1 and box.top + 1 < y < (
                        box.bottom - 1
                    ):
                        raise DiagramError(
                            f"{self.source.where()}: {what} crosses {box.what}"
                        )


def _spans(layout: TimelineLayout) -> tuple[list[str], list[str]]:
    """The spans' bars and labels, and the kinds of span used, in order."""
    source, items, used = layout.source, [], []
    for index, span in enumerate(source.data.get("spans", [])):
        where = source.where(f"spans[{index}]")
        keys: Keys = {
            "lane": str,
            "from": NUMBER,
            "to": NUMBER,
            "kind": str,
            "label": str,
        }
        _table(span, where, keys)
        kind = span.get("kind", "run")
        if kind not in SPAN_KINDS:
            raise DiagramError(f"{where}: kind is one of {', '.join(SPAN_KINDS)}")
        lane = _lane(layout.lanes, span.get("lane"), where)
        start, end = _row(span.get("from"), where), _row(span.get("to"), where)
        if end <= start:
            raise DiagramError(f"{where}: `to` comes after `from`")
        if kind not in used:
            used.append(kind)
        x, y1, y2 = layout.lane_x(lane), layout.row_y(start), layout.row_y(end)
        items.append(
            f'<rect x="{_number(x)}" y="{_number(y1)}" width="{BAR}" '
            f'height="{_number(y2 - y1)}" rx="2" class="dg-span dg-span-{kind}"/>'
        )
        layout.boxes.append(Box(f"span {index}", x, y1, x + BAR, y2))
        layout.bottom = max(layout.bottom, y2)
        if "label" in span:
            middle = (y1 + y2) / 2 + FONT * 0.35
            items.append(
                layout.label(
                    f"span {index}'s label",
                    x + BAR + 6,
                    middle,
                    span["label"],
                    "dg-note",
                    "start",
                )
            )
    return items, used


def _events(layout: TimelineLayout) -> tuple[list[str], list[str]]:
    """The events' dots and labels, then the output column (its leaders first)."""
    source = layout.source
    items: list[str] = []
    printed: list[tuple[float, float, str]] = []
    for index, event in enumerate(source.data.get("events", [])):
        where = source.where(f"events[{index}]")
        keys: Keys = {"lane": str, "at": NUMBER, "label": str, "out": bool, "side": str}
        _table(event, where, keys)
        lane = _lane(layout.lanes, event.get("lane"), where)
        if "label" not in event:
            raise DiagramError(f"{where}: label is missing")
        side = event.get("side", "right")
        if side not in ("left", "right") or (side == "left" and event.get("out")):
            raise DiagramError(f'{where}: side is "right" or (not printed) "left"')
        x = layout.lane_x(lane) + BAR / 2
        y = layout.row_y(_row(event.get("at"), where))
        items.append(
            f'<circle cx="{_number(x)}" cy="{_number(y)}" r="4.5" class="dg-dot"/>'
        )
        layout.bottom = max(layout.bottom, y + ROW / 2)
        if event.get("out"):
            printed.append((x, y, event["label"]))
            continue
        items.append(
            layout.label(
                f"event {index}'s label ({event['label']!r})",
                x + BAR if side == "right" else x - BAR,
                y + FONT * 0.35,
                event["label"],
                "dg-note",
                "start" if side == "right" else "end",
            )
        )
    leaders: list[str] = []
    if printed:
        # What the threads print, in a column of its own, as a terminal shows it.
        column = layout.right - MARGIN + 28
        items.append(_text(column, HEADER - 12, "output", "dg-lane"))
        for x, y, words in printed:
            leaders.append(
                f'<line x1="{_number(x + 6)}" y1="{_number(y)}" '
                f'x2="{_number(column - 4)}" y2="{_number(y)}" class="dg-leader"/>'
            )
            items.append(
                layout.label(
                    f"printed line {words!r}",
                    column,
                    y + FONT * 0.35,
                    words,
                    "dg-out",
                    "start",
                )
            )
    return leaders, items


def _arrows(layout: TimelineLayout, marker: str) -> list[str]:
    source, items = layout.source, []
    for index, arrow in enumerate(source.data.get("arrows", [])):
        where = source.where(f"arrows[{index}]")
        _table(arrow, where, {"from": str, "to": str, "label": str, "label_at": NUMBER})
        lane_a, at_a = _point(layout.lanes, arrow.get("from"), where)
        lane_b, at_b = _point(layout.lanes, arrow.get("to"), where)
        if lane_a == lane_b:
            raise DiagramError(f"{where}: an arrow goes from one lane to another")
        start = (layout.lane_x(lane_a) + BAR / 2, layout.row_y(at_a))
        end = (layout.lane_x(lane_b) + BAR / 2, layout.row_y(at_b))
        start, end = _shorten(start, end, BAR, BAR / 2 + 2)
        items.append(_line(start, end, "dg-arrow", marker))
        layout.segments.append((f"arrow {index}", start, end))
        layout.bottom = max(layout.bottom, end[1])
        if "label" in arrow:
            along = arrow.get("label_at", 0.5)
            if not 0 <= along <= 1:
                raise DiagramError(f"{where}: label_at is a fraction, 0 to 1")
            mx = start[0] + (end[0] - start[0]) * along
            my = start[1] + (end[1] - start[1]) * along - 5
            items.append(
                layout.label(
                    f"arrow {index}'s label",
                    mx,
                    my,
                    arrow["label"],
                    "dg-edge-label",
                    "middle",
                )
            )
    return items


def _legend(layout: TimelineLayout, kinds: list[str]) -> tuple[list[str], float]:
    given = layout.source.data.get("legend", {})
    unknown = sorted(set(given) - set(SPAN_KINDS))
    if unknown:
        raise DiagramError(
            f"{layout.source.where('legend')}: no span kind {unknown[0]!r} "
            f"(kinds: {', '.join(SPAN_KINDS)})"
        )
    words = {**SPAN_KINDS, **given}
    items, y, x = [], layout.bottom + ROW, layout.origin
    for kind in kinds:
        items.append(
            f'<rect x="{_number(x)}" y="{_number(y - 10)}" width="{BAR}" '
            f'height="12" rx="2" class="dg-span dg-span-{kind}"/>'
        )
        items.append(_text(x + BAR + 8, y, words[kind], "dg-note"))
        layout.right = max(layout.right, x + BAR + 8 + text_width(words[kind]) + MARGIN)
        y += ROW * 0.75
    return items, y


def timeline(source: Source) -> Drawing:
    layout = TimelineLayout(source, _lanes(source))
    headers = [
        layout.label(
            f"lane {lane!r}",
            layout.lane_x(index),
            HEADER - 12,
            lane,
            "dg-lane",
            "start",
        )
        for index, lane in enumerate(layout.lanes)
    ]
    spans, kinds = _spans(layout)
    marker = f"diagram-{source.name}-arrow"
    arrows = _arrows(layout, marker)
    leaders, events = _events(layout)
    refuse_overlaps(source, layout.boxes)
    layout.refuse_crossings()
    legend, height = _legend(layout, kinds)
    top, bottom = layout.top, layout.bottom
    axis = [
        f'<line x1="{MARGIN}" y1="{top}" x2="{MARGIN}" y2="{_number(bottom)}" '
        f'class="dg-axis" marker-end="url(#{marker}-axis)"/>',
        f'<text class="dg-note" transform="translate({MARGIN - 13} {top}) '
        'rotate(90)">time</text>',
    ]
    guides = [
        f'<line x1="{_number(layout.lane_x(index) + BAR / 2)}" y1="{top - 6}" '
        f'x2="{_number(layout.lane_x(index) + BAR / 2)}" y2="{_number(bottom)}" '
        'class="dg-guide"/>'
        for index in range(len(layout.lanes))
    ]
    return Drawing(
        width=layout.right,
        height=height,
        elements=[
            *guides,
            *axis,
            *headers,
            *leaders,
            *spans,
            *arrows,
            *events,
            *legend,
        ],
        markers=[
            _arrowhead(marker, "dg-head"),
            _arrowhead(f"{marker}-axis", "dg-axis-head"),
        ],
    )


# --------------------------------------------------------------------------
# Graphs
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    ident: str
    lines: tuple[str, ...]
    shape: str
    x: float
    y: float
    width: float
    height: float

    def border_towards(self, x: float, y: float) -> tuple[float, float]:
        """The point of this box's border on the way from its centre to (x, y)."""
        dx, dy = x - self.x, y - self.y
        if dx == 0 and dy == 0:
            return self.x, self.y
        scale = min(
            (self.width / 2) / abs(dx) if dx else float("inf"),
            (self.height / 2) / abs(dy) if dy else float("inf"),
        )
        return self.x + dx * scale, self.y + dy * scale


def _nodes(source: Source, column: float, row: float) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    places: dict[tuple[float, float], str] = {}
    for index, node in enumerate(source.data.get("nodes", [])):
        where = source.where(f"nodes[{index}]")
        _table(node, where, {"id": str, "label": str, "at": list, "shape": str})
        ident = node.get("id")
        if not ident or ident in nodes:
            raise DiagramError(f"{where}: every node has an id of its own")
        shape = node.get("shape", "thread")
        if shape not in SHAPES:
            raise DiagramError(f"{where}: shape is one of {', '.join(SHAPES)}")
        at = node.get("at", [])
        if len(at) != 2 or not all(isinstance(v, NUMBER) for v in at):
            raise DiagramError(f"{where}: at = [column, row]")
        if (at[0], at[1]) in places:
            raise DiagramError(f"{where}: {places[at[0], at[1]]!r} is already there")
        places[at[0], at[1]] = ident
        lines = tuple(str(node.get("label", ident)).split("\n"))
        width = max(max(map(text_width, lines)) + 24, 72)
        height = 14 + len(lines) * (FONT + 4)
        nodes[ident] = Node(
            ident,
            lines,
            shape,
            MARGIN + column * at[0] + column / 2,
            MARGIN + row * at[1] + row / 2,
            width,
            height,
        )
    if not nodes:
        raise DiagramError(f"{source.where()}: a graph has nodes")
    return nodes


def graph(source: Source) -> Drawing:
    column = source.data.get("column_width", 170)
    row = source.data.get("row_height", 96)
    nodes = _nodes(source, column, row)
    boxes = [
        Box(
            f"node {n.ident!r}",
            n.x - n.width / 2,
            n.y - n.height / 2,
            n.x + n.width / 2,
            n.y + n.height / 2,
        )
        for n in nodes.values()
    ]
    marker = f"diagram-{source.name}-arrow"
    edges: list[str] = []
    labels: list[str] = []
    for index, edge in enumerate(source.data.get("edges", [])):
        where = source.where(f"edges[{index}]")
        _table(edge, where, {"from": str, "to": str, "label": str, "style": str})
        a, b = nodes.get(edge.get("from", "")), nodes.get(edge.get("to", ""))
        if a is None or b is None:
            raise DiagramError(f"{where}: from and to name nodes")
        style = edge.get("style", "solid")
        if style not in EDGE_STYLES:
            raise DiagramError(f"{where}: style is one of {', '.join(EDGE_STYLES)}")
        start, end = a.border_towards(b.x, b.y), b.border_towards(a.x, a.y)
        start, end = _shorten(start, end, 2, 3)
        edges.append(_line(start, end, f"dg-edge dg-{style}", f"{marker}-{style}"))
        if "label" in edge:
            mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + FONT * 0.35
            labels.append(_text(mx, my, edge["label"], "dg-edge-label", "middle"))
            boxes.append(
                _label_box(f"edge {index}'s label", mx, my, edge["label"], "middle")
            )
    refuse_overlaps(source, boxes)
    shapes: list[str] = []
    for node in nodes.values():
        radius = {"thread": 6, "lock": 0, "channel": node.height / 2, "value": 3}
        shapes.append(
            f'<rect x="{_number(node.x - node.width / 2)}" '
            f'y="{_number(node.y - node.height / 2)}" width="{_number(node.width)}" '
            f'height="{_number(node.height)}" rx="{_number(radius[node.shape])}" '
            f'class="dg-node dg-{node.shape}"/>'
        )
        first = node.y - (len(node.lines) - 1) * (FONT + 4) / 2 + FONT * 0.35
        for offset, line in enumerate(node.lines):
            shapes.append(
                _text(
                    node.x, first + offset * (FONT + 4), line, "dg-node-label", "middle"
                )
            )
    # The grid's empty margins are cut off: the drawing starts at its first box.
    left = min(box.left for box in boxes) - MARGIN
    top = min(box.top for box in boxes) - MARGIN
    return Drawing(
        width=max(box.right for box in boxes) + MARGIN - left,
        height=max(box.bottom for box in boxes) + MARGIN - top,
        elements=[
            f'<g transform="translate({_number(-left)} {_number(-top)})">',
            *edges,
            *shapes,
            *labels,
            "</g>",
        ],
        markers=[
            _arrowhead(f"{marker}-{style}", f"dg-head dg-head-{style}")
            for style in EDGE_STYLES
        ],
    )


# --------------------------------------------------------------------------
# Ties to verified listings
# --------------------------------------------------------------------------


def _shown_text(source: Source) -> str:
    """Every word the diagram shows, one label a line."""
    data = source.data
    labels: list[str] = [str(lane) for lane in data.get("lanes", [])]
    for key in ("spans", "events", "arrows", "nodes", "edges"):
        labels += [str(item.get("label", "")) for item in data.get(key, [])]
    return "\n".join(labels)


def check_ties(source: Source, snippets: Path = SNIPPETS) -> None:
    """Raise DiagramError when the listing a diagram depicts says otherwise."""
    for index, tie in enumerate(source.ties):
        where = source.where(f"ties[{index}] ({tie.file})")
        path = snippets / tie.file
        if not path.is_file():
            raise DiagramError(f"{where}: {_shown(path)} does not exist")
        text = path.read_text(encoding="utf-8")
        if path.name in OUTPUT_NAMES:
            _check_output(source, where, path.name, text.splitlines())
        elif tie.in_order:
            _check_structure(source, where, tie.in_order, text)
        else:
            raise DiagramError(
                f"{where}: a tie names a listing's {' or '.join(OUTPUT_NAMES)}, or "
                "a source file with in_order = [fragments]"
            )


def _check_output(source: Source, where: str, name: str, lines: list[str]) -> None:
    printed = printed_lines(source)
    if not printed:
        raise DiagramError(f"{where}: the diagram shows no printed line (out = true)")
    if name == "output.unordered.txt":
        for line in printed:
            if line.text not in lines:
                raise DiagramError(
                    f"{where}: the diagram shows {line.text!r} printed, which the "
                    "listing's output does not have"
                )
        return
    position = 0
    for line in printed:
        try:
            position = lines.index(line.text, position) + 1
        except ValueError:
            before = "" if position == 0 else f" after line {position}"
            raise DiagramError(
                f"{where}: the diagram shows {line.text!r} printed (row "
                f"{_number(line.at)}), but the listing's output has no such line"
                f"{before}; its output is:\n" + "\n".join(lines)
            ) from None


def _check_structure(
    source: Source, where: str, fragments: Iterable[str], text: str
) -> None:
    shown = _shown_text(source)
    position = 0
    for fragment in fragments:
        if fragment not in shown:
            raise DiagramError(
                f"{where}: {fragment!r} is tied to the listing but the diagram does "
                "not show it"
            )
        found = text.find(fragment, position)
        if found < 0:
            where_from = "" if position == 0 else " after the fragment before it"
            raise DiagramError(f"{where}: the listing has no {fragment!r}{where_from}")
        position = found + len(fragment)


# --------------------------------------------------------------------------
# The Markdown extension
# --------------------------------------------------------------------------


def render(name: str, sources: Path = SOURCES, snippets: Path = SNIPPETS) -> str:
    """The figure for diagram `name`, after its ties to listings are checked."""
    source = load(name, sources)
    check_ties(source, snippets)
    drawing = timeline(source) if source.kind == "timeline" else graph(source)
    return svg(source, drawing)


def placements(lines: Iterable[str]) -> Iterator[tuple[int, str, str]]:
    """(line number, indent, name) of each diagram marker."""
    for number, line in enumerate(lines, start=1):
        match = MARKER.match(line)
        if match:
            yield number, match["indent"], match["name"]


class DiagramsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, sources: Path, snippets: Path) -> None:
        super().__init__(md)
        self.sources = sources
        self.snippets = snippets

    def run(self, lines: list[str]) -> list[str]:
        found = {number: (indent, name) for number, indent, name in placements(lines)}
        if not found:
            return lines
        page = page_path(self.md) or "<markdown>"
        result: list[str] = []
        for number, line in enumerate(lines, start=1):
            if number not in found:
                result.append(line)
                continue
            indent, name = found[number]
            try:
                figure = render(name, self.sources, self.snippets)
            except DiagramError as error:
                raise DiagramError(f"docs/{page}, line {number}: {error}") from None
            result += ["", indent + self.md.htmlStash.store(figure), ""]
        return result


class DiagramsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "sources": [str(SOURCES), "The folder of the diagrams' TOML sources"],
            "snippets": [str(SNIPPETS), "The Cargo package that ties name files in"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(
            DiagramsPreprocessor(
                md, Path(self.getConfig("sources")), Path(self.getConfig("snippets"))
            ),
            "diagrams",
            PRIORITY,
        )


def makeExtension(**kwargs: Any) -> DiagramsExtension:
    return DiagramsExtension(**kwargs)
