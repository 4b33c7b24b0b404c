#!/usr/bin/env python3
"""Run nox without installing anything globally: `python3 dev.py [nox arguments]`.

The first run creates `.venv-dev/` holding nox and uv; later runs reuse it.
`python3 dev.py` runs every check, `python3 dev.py -s serve` previews the site.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

TOOLS = Path(__file__).resolve().parent / ".venv-dev"
REQUIREMENTS = ["nox>=2025.2.9", "uv>=0.5"]


def main() -> None:
    nox = TOOLS / "bin" / "nox"
    if not nox.exists():
        print(f"dev.py: installing nox and uv into {TOOLS.name}/", file=sys.stderr)
        venv.create(TOOLS, with_pip=True)
        pip = [str(TOOLS / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, *REQUIREMENTS], check=True)
    os.chdir(TOOLS.parent)
    os.execv(nox, [str(nox), *sys.argv[1:]])


if __name__ == "__main__":
    main()
