"""MkDocs hook: ship the `primitives` wheel with the site and point readers at it.

The wheel is built from `src/primitives` at every site build, so the download is the
package the Python snippets were checked against. Pages name it through the
placeholder `PRIMITIVES_WHEEL`; every page with Python snippets gets a short note on
running them.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "PRIMITIVES_WHEEL"
_PYTHON_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})\s*\{?\s*\.?python\b", re.M)
_FIRST_HEADING = re.compile(r"^# .*$", re.M)
_scratch = tempfile.TemporaryDirectory(prefix="primitives-wheel-")
_wheel_uri = ""
NOTE_FREE_PAGES = {"running.md", "api.md"}


def build_wheel(destination: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", destination],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wheels = sorted(destination.glob("primitives-*.whl"))
    if result.returncode != 0 or not wheels:
        raise RuntimeError(f"building the primitives wheel failed:\n{result.stderr}")
    return wheels[-1]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _wheel_uri
    wheel = build_wheel(Path(_scratch.name))
    _wheel_uri = f"downloads/{wheel.name}"
    files.append(File.generated(config, _wheel_uri, abs_src_path=str(wheel)))
    return files


def running_note(page: Page) -> str:
    up = "../" * page.file.src_uri.count("/")
    return (
        '!!! tip "Run the examples yourself"\n\n'
        f"    The Python snippets run on `primitives` ([install it]({up}running.md); "
        f"[API reference]({up}api.md)): save a snippet as a file and run it with "
        "`python3`. Each Rust listing has a link that opens it whole in the Rust "
        "Playground.\n"
    )


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    depth = page.file.src_uri.count("/")
    markdown = markdown.replace(PLACEHOLDER, "../" * depth + _wheel_uri)
    if _PYTHON_FENCE.search(markdown) and page.file.src_uri not in NOTE_FREE_PAGES:
        heading = _FIRST_HEADING.search(markdown)
        at = heading.end() if heading else 0
        markdown = f"{markdown[:at]}\n\n{running_note(page)}\n{markdown[at:]}"
    return markdown
