"""Every check of the site, one session each; `nox` alone runs what CI runs."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import nox

# What `rust` runs before pytest is listed once, for this file and for
# tools/rustdoc_compare.py.
sys.path.insert(0, str(Path(__file__).parent / "tools"))
from sitecheck.listings import PYTEST_OPTIONS, cargo_checks
from sitecheck.selection import SelectionError, pytest_arguments

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
    "tools",
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
    """Install the project and its dependency groups, unless already done.

    A reused environment records what it was given; when neither the groups nor
    pyproject.toml changed since, installing again would change nothing, so it
    is skipped (asking uv costs most of a second per session). Remove the
    environment under .nox/ to force a reinstall.
    """
    requirements = [
        requirement
        for group in groups
        for requirement in nox.project.dependency_groups(PYPROJECT, group)
    ]
    wanted = hashlib.sha256(
        "\n".join(
            [*requirements, Path("pyproject.toml").read_text(encoding="utf-8")]
        ).encode()
    ).hexdigest()
    location = getattr(session.virtualenv, "location", None)
    stamp = Path(location) / ".installed-requirements" if location else None
    if stamp and stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        session.log(f"{location} already has these requirements; not reinstalling")
        return
    session.install("-e", ".", *requirements)
    config = getattr(getattr(session, "_runner", None), "global_config", None)
    if stamp and not getattr(config, "no_install", False):  # nox -R skips installs
        stamp.write_text(wanted, encoding="utf-8")


# The Markdown that mdformat formats (options in .mdformat.toml).
MARKDOWN_FORMATTED = ["docs", "README.md", "CONTRIBUTING.md"]


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff and mypy --strict over the Python code; codespell and mdformat over pages.

    mdformat only checks here; `nox -s format` rewrites what it reports.
    """
    install_groups(session, "lint")
    session.run("ruff", "check", *PYTHON_SOURCES)
    session.run("ruff", "format", "--check", *PYTHON_SOURCES)
    session.run("mypy")
    session.run("codespell", "--skip", "*.svg,*.json,*.lock,target", *SPELLCHECKED)
    session.run("mdformat", "--check", *MARKDOWN_FORMATTED)


@nox.session(name="format", python=PYTHON, default=False)
def format_markdown(session: nox.Session) -> None:
    """Format the Markdown in place with mdformat, as `lint` checks it."""
    install_groups(session, "lint")
    session.run("mdformat", *MARKDOWN_FORMATTED)


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
    `nox -s rust -- threads_spawn_join` checks that listing, `nox -s rust --
    docs/threads.md` the listings that page includes, and `nox -s rust -- -k NAME`
    those whose name contains NAME (each builds and runs only what it checks; the
    cargo checks still cover every listing). An unchanged listing is not run
    again: its kept outputs (snippets/target/listing-runs/) are compared with its
    expected file; set LISTINGS_FRESH=1 to run everything anyway.
    """
    if not shutil.which("cargo"):
        session.error("cargo is not on PATH: install a Rust toolchain (rustup.rs)")
    try:
        selection = pytest_arguments(session.posargs)
    except SelectionError as error:
        session.error(str(error))
    install_groups(session, "test")
    with session.chdir("snippets"):
        for command in cargo_checks():
            session.run(*command, external=True)
    session.run("pytest", *PYTEST_OPTIONS, *selection)


@nox.session(python=PYTHON, default=False)
def rustdoc_compare(session: nox.Session) -> None:
    """Time `rust`'s checks (cold and warm) against `rustdoc --test` on the listings.

    Arguments go to tools/rustdoc_compare.py: `-- --repeat 3` takes medians.
    """
    if not shutil.which("cargo"):
        session.error("cargo is not on PATH: install a Rust toolchain (rustup.rs)")
    install_groups(session, "test")
    session.run("python", "tools/rustdoc_compare.py", *session.posargs)


# The site the `site` session built in this nox run, if it did; `browser` tests it
# rather than building the same working tree a second time.
BUILT_SITE: list[Path] = []


@nox.session(python=PYTHON)
def site(session: nox.Session) -> None:
    """Build the site with --strict: broken links, anchors or includes fail."""
    install_groups(session, "docs")
    BUILT_SITE.clear()
    session.run("mkdocs", "build", "--strict", "--site-dir", "site")
    BUILT_SITE.append(Path("site").resolve())


@nox.session(python=PYTHON)
def browser(session: nox.Session) -> None:
    """The built site in Debian's Chromium: loads, layout, copy, search, offline, axe.

    Tests the site the `site` session built earlier in the same nox run, or else
    builds it (mkdocs build --strict, into a temporary folder). Screenshots and the
    axe findings are written to build/browser/.
    """
    install_groups(session, "docs", "browser")
    env = {"BROWSER_SITE_DIR": str(BUILT_SITE[0])} if BUILT_SITE else {}
    session.run("pytest", "tests/browser", *session.posargs, env=env)


@nox.session(python=PYTHON, default=False)
def zensical(session: nox.Session) -> None:
    """Build mkdocs.yml with Zensical too and report what differs from MkDocs.

    Material for MkDocs reaches end of life in May 2027; this shows how far the
    site is from moving. It reports, it does not fail on a difference. Zensical
    reads mkdocs.yml's `markdown_extensions` (so the site's own extensions in
    tools/site_extensions run in both builds) but not its `hooks`: the one hook
    left, which builds the primitives wheel into docs/downloads/, is run here as
    `python -m site_extensions.wheel` before Zensical lists the files in docs/.
    The notebook pages (mkdocs-jupyter) have no Zensical equivalent. Zensical
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
    session.run("python", "-m", "site_extensions.wheel")
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
