#!/usr/bin/env python3
"""Run nox without installing anything globally: `python3 dev.py [nox arguments]`.

The first run creates `.venv-dev/` holding nox and uv at the versions uv.lock pins
(its `runner` group, checked against the lock's hashes), on the Python that runs
this file; the sessions then run on that Python too. Later runs reuse it, and bring
it up to date when uv.lock changes. `python3 dev.py` runs every check
(in the lanes noxfile.py's LANES sets, at once: tools/dev_lanes.py), `python3 dev.py
-s serve` previews the site.
"""

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path
from typing import NoReturn

MINIMUM_PYTHON = (3, 11)
ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".venv-dev"
LOCK = ROOT / "uv.lock"
# What the tools in TOOLS were set up from: the interpreter, then uv.lock's digest.
STAMP = TOOLS / ".set-up-from"


def fail(message: str) -> NoReturn:
    print(f"dev.py: {message}", file=sys.stderr)
    sys.exit(2)


def require_python() -> None:
    if sys.version_info < MINIMUM_PYTHON:
        fail(
            "Python {}.{} or newer is needed; this is {} ({}). Run dev.py with a "
            "newer python3.".format(
                *MINIMUM_PYTHON, sys.version.split()[0], sys.executable
            )
        )


def locked_uv_requirement() -> str:
    """uv's line for a `pip --require-hashes` requirements file, from uv.lock."""
    import tomllib

    lock = tomllib.loads(LOCK.read_text(encoding="utf-8"))
    for package in lock["package"]:
        if package["name"] == "uv":
            files = [*package.get("wheels", []), package.get("sdist", {})]
            hashes = " ".join(f"--hash={file['hash']}" for file in files if file)
            return f"uv=={package['version']} {hashes}\n"
    fail("uv.lock pins no uv: its runner group must list uv")


def set_up(interpreter: str, lock_digest: str) -> None:
    """Create TOOLS if it is missing or was made by another Python, then install
    exactly the runner group of uv.lock into it."""
    python = TOOLS / "bin" / "python"
    if not STAMP.is_file() or STAMP.read_text().splitlines()[:1] != [interpreter]:
        print(f"dev.py: installing nox and uv into {TOOLS.name}/", file=sys.stderr)
        try:
            venv.create(TOOLS, with_pip=True, clear=True)
        except subprocess.CalledProcessError:
            fail(
                f"{sys.executable} cannot create a virtual environment with pip "
                "(Debian: apt-get install python3-venv)"
            )
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as requirements:
            requirements.write(locked_uv_requirement())
            requirements.flush()
            pip = [str(python), "-m", "pip", "install", "--quiet", "--no-deps"]
            pip += ["--disable-pip-version-check", "--require-hashes"]
            subprocess.run([*pip, "-r", requirements.name], check=True)
    uv = [str(TOOLS / "bin" / "uv"), "sync", "--frozen", "--quiet", "--inexact"]
    subprocess.run(
        [*uv, "--only-group", "runner", "--python", str(python)],
        check=True,
        cwd=ROOT,
        env={**os.environ, "UV_PROJECT_ENVIRONMENT": str(TOOLS)},
    )
    STAMP.write_text(f"{interpreter}\n{lock_digest}\n")


def main() -> None:
    require_python()
    interpreter = f"{os.path.realpath(sys.executable)} {sys.version.split()[0]}"
    lock_digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    stamp = STAMP.read_text() if STAMP.is_file() else ""
    if stamp != f"{interpreter}\n{lock_digest}\n":
        set_up(interpreter, lock_digest)
    os.chdir(ROOT)
    nox = TOOLS / "bin" / "nox"
    sys.path.insert(0, str(ROOT / "tools"))
    import dev_lanes

    status = dev_lanes.main([str(nox)], sys.argv[1:], ROOT / "noxfile.py")
    if status is not None:
        sys.exit(status)
    os.execv(nox, [str(nox), *sys.argv[1:]])


if __name__ == "__main__":
    main()
