"""The benchmarks page shows its results file, never copied numbers.

`docs/benchmarks.md` holds no measured number. When the page is rendered:

- a line `<!-- benchmark-table: GROUP -->` becomes a Markdown table of that
  group's cases (`machine` gives the machine the results come from);
- `{{ bench:KEY }}` in prose becomes one value, where KEY is
  `machine.FIELD`, `settings.FIELD`, `conditions.FIELD`, `free_threaded.note`,
  `GROUP.CASE.STAT` (STAT: `median`, `min`, `max`, `threads`, `speedup`), or
  `GROUP.CASE / GROUP.CASE`, the ratio of two medians. CASE is a case's id, or
  `SERIES@N` (the series' case on N threads) or `SERIES@max` (on the most
  threads measured), so the page reads the same whatever the core count;
- `{{ bench:verdict A < B }}` and `{{ bench:verdict A ~ B }}` become the verdict on a
  claim about two cases (`GROUP.CASE` each; time per operation, lower is faster),
  by the page's rule that two cases whose min-max ranges overlap are equal: for
  `A < B` (A is faster), "confirmed" when A's range lies wholly below B's, "a tie"
  when they overlap, "contradicted" otherwise; for `A ~ B` (as fast),
  "confirmed" when they overlap, "contradicted" otherwise. `Verdict` capitalises;
- `{{ bench:speed A vs B }}` says how fast A ran against B by the same rule: "no
  faster at all" when the ranges overlap, else "faster" or "slower".

Both read `docs/benchmarks/results.json`, which `nox -s bench` writes. An
unknown group, case or key fails the build. Any page may use them; only
`docs/benchmarks.md` does. The results file is read when a page holds a marker or
a placeholder, so other pages do not depend on it. `tests/test_benchmarks_page.py`
checks the rendered page against the results file.

In mkdocs.yml: `- site_extensions.benchmarks` under `markdown_extensions:`.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_extensions import ROOT

RESULTS = ROOT / "docs" / "benchmarks" / "results.json"
#: After the Playground links and the download (60, 55), before pymdownx.snippets (32)
#: and before the HTML block processor (20) stashes the table markers away.
PRIORITY = 50
TABLE = re.compile(r"^<!-- benchmark-table: (?P<group>[a-z_]+) -->[ \t]*$", re.M)
PLACEHOLDER = re.compile(r"\{\{\s*bench:(?P<key>[^{}]*?)\s*\}\}")
STATS = ("median", "min", "max")
MACHINE_ROWS = {
    "cpu": "CPU",
    "cores": "Cores",
    "os": "Operating system",
    "rustc": "rustc",
    "python": "Python",
    "date": "Date",
}


class BenchmarkPageError(ValueError):
    """The page asks for something the results file does not have."""


def number(value: float) -> str:
    """A measurement with three significant figures, never in exponent form."""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    if value >= 0.1:
        return f"{value:.3f}"
    return f"{value:.4f}"


def ratio(value: float) -> str:
    """A speed-up or a ratio of two medians."""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def load_results(path: Path = RESULTS) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def group_of(results: dict[str, Any], name: str) -> dict[str, Any]:
    try:
        group: dict[str, Any] = results["groups"][name]
    except KeyError:
        raise BenchmarkPageError(f"no benchmark group {name!r}") from None
    return group


def case_of(results: dict[str, Any], group: str, ref: str) -> dict[str, Any]:
    """The case `ref` names: an id, `SERIES@N` or `SERIES@max`."""
    cases: list[dict[str, Any]] = group_of(results, group)["cases"]
    series, at, threads = ref.partition("@")
    if at:
        found = [case for case in cases if case["series"] == series]
        if found and threads == "max":
            return max(found, key=lambda case: int(case["threads"]))
        found = [case for case in found if str(case["threads"]) == threads]
    else:
        found = [case for case in cases if case["id"] == ref]
    if len(found) != 1:
        raise BenchmarkPageError(f"no case {ref!r} in benchmark group {group!r}")
    return found[0]


def speedup(results: dict[str, Any], group: str, case: dict[str, Any]) -> float:
    """How many times faster than the same series on one thread."""
    ones = [
        other
        for other in group_of(results, group)["cases"]
        if other["series"] == case["series"] and other["threads"] == 1
    ]
    if not ones:
        raise BenchmarkPageError(f"{case['id']} has no one-thread case to compare")
    one: float = ones[0]["median"]
    return one / float(case["median"])


VERDICT = re.compile(r"^(?P<word>[Vv]erdict)\s+(?P<a>\S+)\s+(?P<op>[<~])\s+(?P<b>\S+)$")
SPEED = re.compile(r"^speed\s+(?P<a>\S+)\s+vs\s+(?P<b>\S+)$")


def _range(results: dict[str, Any], key: str) -> tuple[float, float, float]:
    try:
        group, case_id = key.split(".")
    except ValueError:
        raise BenchmarkPageError(f"{key!r} is not GROUP.CASE") from None
    case = case_of(results, group, case_id)
    return float(case["min"]), float(case["median"]), float(case["max"])


def compare(results: dict[str, Any], a: str, b: str) -> str:
    """ "equal" when the min-max ranges of cases `a` and `b` overlap, else which is
    faster: "faster" when `a`'s range lies wholly below `b`'s, "slower" above."""
    a_min, _, a_max = _range(results, a)
    b_min, _, b_max = _range(results, b)
    if a_min <= b_max and b_min <= a_max:
        return "equal"
    return "faster" if a_max < b_min else "slower"


def verdict(results: dict[str, Any], key: str) -> str | None:
    """The words a `verdict` or `speed` placeholder stands for; None for others."""
    if match := VERDICT.match(key):
        outcome = compare(results, match["a"], match["b"])
        if match["op"] == "<":
            words = {"faster": "confirmed", "equal": "a tie"}
        else:
            words = {"equal": "confirmed"}
        text = words.get(outcome, "contradicted")
        return text.capitalize() if match["word"] == "Verdict" else text
    if match := SPEED.match(key):
        outcome = compare(results, match["a"], match["b"])
        return "no faster at all" if outcome == "equal" else outcome
    return None


def value(results: dict[str, Any], key: str) -> str:
    """The text that `{{ bench:KEY }}` stands for."""
    words = verdict(results, key)
    if words is not None:
        return words
    if "/" in key:
        top, bottom = (part.strip() for part in key.split("/", 1))
        return ratio(_median(results, top) / _median(results, bottom))
    parts = key.split(".")
    if parts[0] in ("machine", "settings", "conditions") and len(parts) == 2:
        try:
            found = results[parts[0]][parts[1]]
        except KeyError:
            raise BenchmarkPageError(f"no {key!r} in the results") from None
        return number(found) if isinstance(found, float) else str(found)
    if key == "free_threaded.note":
        return str(results["free_threaded"]["note"])
    if len(parts) != 3:
        raise BenchmarkPageError(
            f"cannot read {key!r}: see site_extensions/benchmarks.py"
        )
    group, case_id, stat = parts
    case = case_of(results, group, case_id)
    if stat in STATS:
        return number(case[stat])
    if stat == "threads":
        return str(case["threads"])
    if stat == "speedup":
        return ratio(speedup(results, group, case))
    raise BenchmarkPageError(f"unknown statistic {stat!r} in {key!r}")


def _median(results: dict[str, Any], key: str) -> float:
    try:
        group, case_id = key.split(".")
    except ValueError:
        raise BenchmarkPageError(f"{key!r} is not GROUP.CASE") from None
    median: float = case_of(results, group, case_id)["median"]
    return median


def cell(text: object) -> str:
    """Table cell text: HTML-escaped (labels hold `<u64>`), pipes escaped."""
    return html.escape(str(text), quote=False).replace("|", r"\|")


def table(results: dict[str, Any], name: str) -> str:
    if name == "machine":
        machine = results["machine"]
        rows = [
            f"| {label} | {cell(machine[key])} |" for key, label in MACHINE_ROWS.items()
        ]
        settings = results["settings"]
        rows.append(
            f"| Repeats per case | Rust {settings['repeats_rust']}, "
            f"Python {settings['repeats_python']} |"
        )
        load = results["conditions"]["other_load"]
        shown = "unknown" if load is None else f"{number(load)} cores on average"
        rows.append(f"| Other processes during the run | {shown} |")
        return "\n".join(["| Machine | Value |", "|---|---|", *rows])
    group = group_of(results, name)
    unit = group["unit"]
    with_speedup = name == "cpu"
    header = f"| Case | Threads | Median ({unit}) | Min | Max |"
    rule = "|---|--:|--:|--:|--:|"
    if with_speedup:
        header += " Speed-up |"
        rule += "--:|"
    rows = [header, rule]
    for case in group["cases"]:
        row = (
            f"| {cell(case['label'])} | {case['threads']} | {number(case['median'])} "
            f"| {number(case['min'])} | {number(case['max'])} |"
        )
        if with_speedup:
            row += f" {ratio(speedup(results, name, case))} |"
        rows.append(row)
    return "\n".join(rows)


def render(markdown: str, results: dict[str, Any]) -> str:
    """The page with every table marker and placeholder filled in."""
    markdown = TABLE.sub(lambda m: table(results, m["group"]), markdown)
    return PLACEHOLDER.sub(lambda m: value(results, m["key"]), markdown)


class BenchmarksPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, results: Path) -> None:
        super().__init__(md)
        self.results = results

    def run(self, lines: list[str]) -> list[str]:
        markdown = "\n".join(lines)
        if not (TABLE.search(markdown) or PLACEHOLDER.search(markdown)):
            return lines
        return render(markdown, load_results(self.results)).split("\n")


class BenchmarksExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "results": [str(RESULTS), "The results file `nox -s bench` writes"]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        results = Path(self.getConfig("results"))
        md.preprocessors.register(
            BenchmarksPreprocessor(md, results), "benchmark_tables", PRIORITY
        )


def makeExtension(**kwargs: Any) -> BenchmarksExtension:
    return BenchmarksExtension(**kwargs)
