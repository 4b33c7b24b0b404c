"""Compare two builds of the site page by page and report what differs.

Used by `nox -s zensical` to see how far a Zensical build of `mkdocs.yml` is from the
MkDocs build that the site ships: which pages exist in one build only, and per page the
counts of the things readers rely on (headings, code blocks, pairs, admonitions,
Playground links, the "run the examples" note, links).

    python tools/compare_builds.py MKDOCS_SITE ZENSICAL_SITE
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FEATURES = {
    "headings with ids": re.compile(r"<h[1-6][^>]*\sid="),
    "code blocks": re.compile(r'<div class="language-[\w-]+ highlight"'),
    "pairs": re.compile(r'class="pair"'),
    "admonitions": re.compile(r'class="admonition|<details class="'),
    "Playground links": re.compile(r'class="playground-link"'),
    "run-the-examples notes": re.compile(r"Run the examples yourself"),
    "links": re.compile(r"<a [^>]*href="),
}


def pages(site: Path) -> dict[str, Path]:
    return {
        str(path.relative_to(site)): path
        for path in site.rglob("*.html")
        if "assets" not in path.parts and path.name != "404.html"
    }


def counts(path: Path) -> dict[str, int]:
    text = path.read_text(encoding="utf-8", errors="replace")
    main = text.split('<article class="md-content__inner', 1)[-1]
    return {name: len(pattern.findall(main)) for name, pattern in FEATURES.items()}


def compare(reference: Path, candidate: Path) -> list[str]:
    ours, theirs = pages(reference), pages(candidate)
    report = []
    for name in sorted(ours.keys() - theirs.keys()):
        report.append(f"{name}: missing from {candidate}")
    for name in sorted(theirs.keys() - ours.keys()):
        report.append(f"{name}: only in {candidate}")
    for name in sorted(ours.keys() & theirs.keys()):
        want, got = counts(ours[name]), counts(theirs[name])
        for feature in FEATURES:
            if want[feature] != got[feature]:
                report.append(f"{name}: {feature}: {want[feature]} vs {got[feature]}")
    reference_files = {
        str(p.relative_to(reference)) for p in reference.rglob("*") if p.is_file()
    }
    candidate_files = {
        str(p.relative_to(candidate)) for p in candidate.rglob("*") if p.is_file()
    }
    for name in sorted(reference_files - candidate_files):
        if name.startswith("downloads/"):
            report.append(f"{name}: download missing from {candidate}")
    return report


def main() -> int:
    reference, candidate = (Path(argument) for argument in sys.argv[1:3])
    report = compare(reference, candidate)
    print(f"Pages: {len(pages(reference))} (MkDocs) vs {len(pages(candidate))}")
    print("\n".join(report) if report else "No difference found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
