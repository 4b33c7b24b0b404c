"""The `primitives` wheel that the site offers for download, in `docs/downloads/`.

The wheel is built from `src/primitives` before every site build, so the download is
the package the Python snippets were checked against. It is written into the docs
folder (ignored by git) because that is where both MkDocs and Zensical pick up files
to copy into the site; a Markdown extension cannot add a file to a build.

Who builds it:

- MkDocs: `hooks/primitives_wheel.py`, on every build (`mkdocs build`, `mkdocs
  serve`), before MkDocs collects the files in `docs/`.
- Zensical: nothing in a Zensical build runs before it lists the files in `docs/`
  (it ignores hooks, and extensions run only while pages render), so
  `nox -s zensical` runs `python -m site_extensions.wheel` first.

The file is replaced only when its bytes change (hatchling builds reproducibly), so
`mkdocs serve`, which watches `docs/`, does not rebuild in a loop. The name comes
from pyproject.toml alone (`wheel_name`), which is what the pages link to; building
checks that hatchling agrees.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from packaging.version import Version

from site_extensions import DOCS, ROOT

DOWNLOADS = "downloads"


def wheel_name(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The wheel's file name: `primitives-0.1.0-py3-none-any.whl`."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    name = re.sub(r"[-_.]+", "_", project["name"]).lower()
    version = str(Version(project["version"])).replace("-", "_")
    return f"{name}-{version}-py3-none-any.whl"


def wheel_uri() -> str:
    """Where the wheel is in the site, relative to its root."""
    return f"{DOWNLOADS}/{wheel_name()}"


def build_wheel(destination: Path) -> Path:
    """Build the wheel with hatchling into `destination`; its path."""
    result = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", destination],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wheels = sorted(destination.glob("*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        raise RuntimeError(f"building the primitives wheel failed:\n{result.stderr}")
    if wheels[0].name != wheel_name():
        raise RuntimeError(
            f"hatchling built {wheels[0].name}, but the pages link to {wheel_name()}: "
            "update site_extensions.wheel.wheel_name"
        )
    return wheels[0]


def ensure_wheel(docs: Path = DOCS) -> Path:
    """Put the wheel built from the working tree in `docs/downloads/`; its path.

    Other `primitives` wheels there (an earlier version's) are removed.
    """
    folder = docs / DOWNLOADS
    folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="primitives-wheel-") as scratch:
        built = build_wheel(Path(scratch))
        target = folder / built.name
        content = built.read_bytes()
        if not target.is_file() or target.read_bytes() != content:
            target.write_bytes(content)
    for other in folder.glob("primitives-*.whl"):
        if other != target:
            other.unlink()
    return target


if __name__ == "__main__":
    print(ensure_wheel().relative_to(ROOT))
