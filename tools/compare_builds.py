"""Compare two builds of the site page by page and report what differs.

Used by `nox -s zensical` to see how far a Zensical build of `mkdocs.yml` is from the
MkDocs build that the site ships: which pages exist in one build only, and per page the
things readers rely on (headings, code blocks, pairs, admonitions, tables, links, and
what the site's Markdown extensions add: Playground links, the "run the examples" tip,
the wheel link, the benchmark tables, the diagrams). A feature whose target or content
matters (Playground and wheel links, the tip, tables, diagrams) is compared by content
too, not only counted. The totals over the pages both builds have come last, so the
report shows what is present in both, then the downloads (the primitives wheel) of
each build.

    python tools/compare_builds.py MKDOCS_SITE ZENSICAL_SITE
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Feature:
    """Something on a page; `pattern`'s first group, if it has one, is its content."""

    name: str
    pattern: re.Pattern[str]

    def found(self, html: str) -> list[str]:
        if self.pattern.groups:
            return [match.group(1) for match in self.pattern.finditer(html)]
        return [match.group(0) for match in self.pattern.finditer(html)]


FEATURES = [
    Feature("headings with ids", re.compile(r"<h[1-6][^>]*\sid=")),
    Feature("code blocks", re.compile(r'<div class="language-[\w-]+ highlight"')),
    Feature("pairs", re.compile(r'class="pair"')),
    Feature("admonitions", re.compile(r'class="admonition|<details class="')),
    Feature("tables", re.compile(r"(<table>.*?</table>)", re.S)),
    Feature(
        "benchmark tables",
        re.compile(r"<table>\s*<thead>\s*<tr>\s*<th>(?:Case|Machine)</th>"),
    ),
    Feature(
        "Playground links", re.compile(r'<a class="playground-link" href="([^"]*)"')
    ),
    Feature(
        "run-the-examples tips",
        re.compile(
            r'<p class="admonition-title">Run the examples yourself</p>\s*<p>(.*?)</p>',
            re.S,
        ),
    ),
    Feature(
        "wheel links", re.compile(r'<a [^>]*href="([^"]*downloads/primitives-[^"]*)"')
    ),
    Feature("diagrams", re.compile(r'(<figure class="diagram".*?</figure>)', re.S)),
    Feature(
        "unrendered markers",
        re.compile(r"PRIMITIVES_WHEEL|\{\{\s*bench:|benchmark-table:|diagram:"),
    ),
    Feature("links", re.compile(r"<a [^>]*href=")),
]
#: A link to a notebook page that was not built (Zensical has no mkdocs-jupyter).
NOTEBOOK_LINK = re.compile(r'(href="[^"#]*)\.ipynb(?=["#])')
#: Shown in the totals, to say what the site's own extensions produced in each build.
EXTENSION_FEATURES = [
    "Playground links",
    "run-the-examples tips",
    "wheel links",
    "benchmark tables",
    "diagrams",
    "unrendered markers",
]


def pages(site: Path) -> dict[str, Path]:
    return {
        str(path.relative_to(site)): path
        for path in site.rglob("*.html")
        if "assets" not in path.parts and path.name != "404.html"
    }


def main_content(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return text.split('<article class="md-content__inner', 1)[-1]


def features(path: Path) -> dict[str, list[str]]:
    main = main_content(path)
    return {feature.name: feature.found(main) for feature in FEATURES}


def downloads(site: Path) -> dict[str, bytes]:
    folder = site / "downloads"
    if not folder.is_dir():
        return {}
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def compare(reference: Path, candidate: Path) -> tuple[list[str], list[str]]:
    """What differs, and the totals of the extensions' features in each build."""
    ours, theirs = pages(reference), pages(candidate)
    report = []
    for name in sorted(ours.keys() - theirs.keys()):
        report.append(f"{name}: missing from {candidate}")
    for name in sorted(theirs.keys() - ours.keys()):
        report.append(f"{name}: only in {candidate}")
    totals = {feature.name: [0, 0] for feature in FEATURES}
    for name in sorted(ours.keys() & theirs.keys()):
        want, got = features(ours[name]), features(theirs[name])
        for feature in FEATURES:
            wanted, found = want[feature.name], got[feature.name]
            totals[feature.name][0] += len(wanted)
            totals[feature.name][1] += len(found)
            if len(wanted) != len(found):
                report.append(f"{name}: {feature.name}: {len(wanted)} vs {len(found)}")
            elif wanted != found:
                changed = sum(a != b for a, b in zip(wanted, found, strict=True))
                why = "in target or content"
                if wanted == [NOTEBOOK_LINK.sub(r"\1.html", text) for text in found]:
                    why = "only in links to the notebook pages, left as .ipynb"
                report.append(
                    f"{name}: {feature.name}: {changed} of {len(wanted)} differ {why}"
                )
    ours_downloads, theirs_downloads = downloads(reference), downloads(candidate)
    for name in sorted(ours_downloads.keys() - theirs_downloads.keys()):
        report.append(f"{name}: download missing from {candidate}")
    for name in sorted(theirs_downloads.keys() - ours_downloads.keys()):
        report.append(f"{name}: download only in {candidate}")
    for name in sorted(ours_downloads.keys() & theirs_downloads.keys()):
        if ours_downloads[name] != theirs_downloads[name]:
            report.append(f"{name}: the two builds' files differ")
    summary = [
        f"{name}: {totals[name][0]} (MkDocs) vs {totals[name][1]}"
        for name in EXTENSION_FEATURES
    ]
    summary += [
        f"{name}: in both, identical"
        for name in sorted(ours_downloads.keys() & theirs_downloads.keys())
        if ours_downloads[name] == theirs_downloads[name]
    ]
    return report, summary


def main() -> int:
    reference, candidate = (Path(argument) for argument in sys.argv[1:3])
    report, summary = compare(reference, candidate)
    print(f"Pages: {len(pages(reference))} (MkDocs) vs {len(pages(candidate))}")
    print("\n".join(report) if report else "No difference found.")
    print("On the pages both builds have, from the site's Markdown extensions:")
    print("\n".join(f"  {line}" for line in summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
