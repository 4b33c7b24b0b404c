"""Every check of the site, one session each; `nox` alone runs what CI runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "tests", "rust", "site", "browser"]
nox.options.reuse_venv = "yes"

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON = "3.11"
MIN_BRANCH_COVERAGE = 95
SPELLCHECKED = [
    "docs",
    "snippets/src",
    "snippets/compile_fail",
    "src",
    "tests",
    "hooks",
    "README.md",
    "CONTRIBUTING.md",
]
PYTHON_SOURCES = [
    "src",
    "tests",
    "hooks",
    "bench",
    "tools",
    "conftest.py",
    "noxfile.py",
    "dev.py",
]


def install_groups(session: nox.Session, *groups: str) -> None:
    requirements = [
        requirement
        for group in groups
        for requirement in nox.project.dependency_groups(PYPROJECT, group)
    ]
    session.install("-e", ".", *requirements)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff and mypy --strict over the Python code; codespell over pages and code."""
    install_groups(session, "lint")
    session.run("ruff", "check", *PYTHON_SOURCES)
    session.run("ruff", "format", "--check", *PYTHON_SOURCES)
    session.run("mypy")
    session.run("codespell", "--skip", "*.svg,*.json,*.lock,target", *SPELLCHECKED)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """primitives' tests, every Python example on the pages, and the page checks.

    Arguments go to pytest: `nox -s tests -- docs/threads.md` checks one page.
    """
    install_groups(session, "test")
    ignored = ["--ignore=tests/listings", "--ignore=tests/browser"]
    if session.posargs:
        session.run("pytest", *ignored, *session.posargs)
        return
    session.run(
        "coverage",
        "run",
        "--branch",
        "--source=src/primitives",
        "-m",
        "pytest",
        *ignored,
        "tests",
        "docs",
        "src/primitives",
    )
    session.run("coverage", "report", f"--fail-under={MIN_BRANCH_COVERAGE}")


@nox.session(python=PYTHON)
def rust(session: nox.Session) -> None:
    """Compile, lint, format-check and run every listing; compile-fail listings fail.

    `nox -s rust -- --bless` rewrites expected outputs and compiler messages;
    `nox -s rust -- -k NAME` checks the listings whose name contains NAME.
    """
    if not shutil.which("cargo"):
        session.error("cargo is not on PATH: install a Rust toolchain (rustup.rs)")
    install_groups(session, "test")
    with session.chdir("snippets"):
        session.run("cargo", "check", "--bins", "--quiet", external=True)
        session.run(
            "cargo",
            "clippy",
            "--bins",
            "--quiet",
            "--",
            "-D",
            "warnings",
            external=True,
        )
        session.run("cargo", "fmt", "--check", external=True)
        tested = [
            f"--bin={path.parent.name}"
            for path in sorted(Path("src/bin").glob("*/main.rs"))
            if "#[test]" in path.read_text(encoding="utf-8")
        ]
        if tested:
            session.run("cargo", "test", "--quiet", *tested, external=True)
        compile_fail = sorted(
            str(path) for path in Path().glob("compile_fail/*/main.rs")
        )
        if compile_fail:
            session.run(
                "rustfmt", "--check", "--edition", "2024", *compile_fail, external=True
            )
    session.run("pytest", "tests/listings", *session.posargs)


@nox.session(python=PYTHON)
def site(session: nox.Session) -> None:
    """Build the site with --strict: broken links, anchors or includes fail."""
    install_groups(session, "docs")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site")


@nox.session(python=PYTHON)
def browser(session: nox.Session) -> None:
    """The built site in Debian's Chromium: loads, layout, copy, search, offline, axe.

    Screenshots and the axe findings are written to build/browser/.
    """
    install_groups(session, "docs", "browser")
    session.run("pytest", "tests/browser", *session.posargs)


@nox.session(python=PYTHON, default=False)
def zensical(session: nox.Session) -> None:
    """Build mkdocs.yml with Zensical too and report what differs from MkDocs.

    Material for MkDocs reaches end of life in May 2027; this shows how far the
    site is from moving. It reports, it does not fail on a difference. Zensical
    writes to site/, which this session moves to build/site-zensical.
    """
    install_groups(session, "docs", "zensical")
    mkdocs_site, zensical_site = Path("build/site-mkdocs"), Path("build/site-zensical")
    session.run(
        "mkdocs",
        "build",
        "--quiet",
        "--site-dir",
        str(mkdocs_site),
        env={"NO_MKDOCS_2_WARNING": "1"},
    )
    session.run("zensical", "build", "--clean")
    shutil.rmtree(zensical_site, ignore_errors=True)
    shutil.move("site", zensical_site)
    session.run(
        "python", "tools/compare_builds.py", str(mkdocs_site), str(zensical_site)
    )


@nox.session(python=PYTHON, default=False)
def serve(session: nox.Session) -> None:
    """Preview the site at http://127.0.0.1:8000, reloading on page or listing edits."""
    install_groups(session, "docs")
    session.run(
        "mkdocs",
        "serve",
        "--watch",
        "snippets/src",
        "--watch",
        "snippets/compile_fail",
        "--watch",
        "src/primitives",
        *session.posargs,
    )


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Rust (release) and Python benchmarks behind docs/benchmarks.md.

    Rewrites docs/benchmarks/results.json and the SVG plots beside it; takes a
    few minutes. Arguments go to bench/run.py: `nox -s bench -- --scale 0.05
    --output /tmp/bench` is a quick smoke run that leaves the results alone.
    """
    if not shutil.which("cargo"):
        session.error("cargo is not on PATH: install a Rust toolchain (rustup.rs)")
    install_groups(session, "bench")
    session.run("python", "bench/run.py", *session.posargs)
