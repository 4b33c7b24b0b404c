"""Every check of the site, one session each; `nox` alone runs what CI runs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import nox

# What `rust` runs before pytest is listed once, for this file and for
# tools/rustdoc_compare.py.
sys.path.insert(0, str(Path(__file__).parent / "tools"))
from sitecheck.listings import PYTEST_OPTIONS, cargo_checks
from sitecheck.selection import SelectionError, pytest_arguments

nox.needs_version = ">=2025.5.1"
nox.options.default_venv_backend = "uv"
# Sessions run on the interpreter that runs nox; `nox -P 3.12 -s tests` asks for
# another. An interpreter that is not installed is an error, never a skip, and
# none is downloaded.
nox.options.error_on_missing_interpreters = True
nox.options.download_python = "never"
#: What `python3 dev.py` runs when no session is named: the lanes at once, each one
#: nox run of its sessions in order (tools/dev_lanes.py). Cargo's builds fill the
#: second lane; the first is Python, mkdocs and Chromium, and `bridge` builds the
#: extension there before `tests` installs it. `nox` alone runs them one by one.
LANES = {
    "python": ["lint", "bridge", "tests", "site", "browser"],
    "cargo": ["rust", "exercises", "loom"],
}
nox.options.sessions = [session for lane in LANES.values() for session in lane]
nox.options.reuse_venv = "yes"

MIN_BRANCH_COVERAGE = 95
SPELLCHECKED = [
    "docs",
    "snippets/src",
    "snippets/compile_fail",
    "exercises",
    "loom",
    "src",
    "tests",
    "hooks",
    "tools",
    "README.md",
    "CONTRIBUTING.md",
    "bridge/src",
    "bridge/tests",
]
PYTHON_SOURCES = [
    "src",
    "tests",
    "bridge",
    "hooks",
    "bench",
    "tools",
    "conftest.py",
    "noxfile.py",
    "dev.py",
]


def install_groups(session: nox.Session, *groups: str) -> None:
    """Install the project and exactly what uv.lock pins for its dependency groups.

    `uv sync --locked` refuses a uv.lock that no longer matches pyproject.toml
    (`nox -s lock` updates it) and removes from the environment whatever the lock
    does not list for these groups.
    """
    session.run_install(
        "uv",
        "sync",
        "--locked",
        "--quiet",
        "--no-default-groups",
        *(f"--group={group}" for group in groups),
    )


BRIDGE = Path("bridge")
#: What the extension's wheel is built from; a change to one of these rebuilds it.
BRIDGE_SOURCES = ["Cargo.toml", "Cargo.lock", "pyproject.toml", "*.pyi", "src/**/*.rs"]


def install_bridge(session: nox.Session) -> None:
    """Build the Rust extension in bridge/ with maturin and install it.

    The session must have the `bridge` group (maturin). The wheel is kept in
    bridge/target/wheels/DIGEST/, DIGEST naming its sources, and Cargo's build in
    bridge/target/: while the sources are unchanged, a run builds nothing and
    installs the kept wheel (abi3: one wheel for every supported Python).
    """
    if not shutil.which("cargo"):
        session.error("cargo is not on PATH: install a Rust toolchain (rustup.rs)")
    digest = hashlib.sha256()
    for pattern in BRIDGE_SOURCES:
        for path in sorted(BRIDGE.glob(pattern)):
            digest.update(f"{path.as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    wheels = BRIDGE / "target" / "wheels"
    kept = wheels / digest.hexdigest()[:16]
    if not any(kept.glob("*.whl")):
        shutil.rmtree(wheels, ignore_errors=True)
        building = wheels / "building"
        session.run(
            "maturin",
            "build",
            "--release",
            "--locked",
            "--manifest-path",
            str(BRIDGE / "Cargo.toml"),
            "--out",
            str(building),
        )
        building.rename(kept)
    session.run_install(
        "uv",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--reinstall-package",
        "uplink-checksum",
        *map(str, kept.glob("*.whl")),
    )


WORKFLOWS = [".github/workflows/site.yml"]
# The Markdown that mdformat formats (options in .mdformat.toml).
MARKDOWN_FORMATTED = ["docs", "README.md", "CONTRIBUTING.md"]


@nox.session
def lint(session: nox.Session) -> None:
    """Python, pages, the workflow and CI's script, each by its linters.

    ruff and mypy --strict check the Python code; codespell and mdformat the pages.
    mdformat only checks here; `nox -s format` rewrites what it reports. The
    workflow only runs on GitHub, so it is checked without running: actionlint
    (with shellcheck on its `run:` steps) and zizmor's offline audits, configured
    in .github/zizmor.yml.
    """
    install_groups(session, "lint")
    session.run("ruff", "check", *PYTHON_SOURCES)
    session.run("ruff", "format", "--check", *PYTHON_SOURCES)
    session.run("mypy")
    session.run("codespell", "--skip", "*.svg,*.json,*.lock,target", *SPELLCHECKED)
    session.run("mdformat", "--check", *MARKDOWN_FORMATTED)
    session.run("actionlint", *WORKFLOWS)
    session.run("zizmor", "--offline", "--no-progress", *WORKFLOWS)
    session.run("shellcheck", ".ci/run")


@nox.session(venv_backend="none", default=False)
def lock(session: nox.Session) -> None:
    """Update uv.lock after a change to pyproject.toml's dependency groups.

    Every session installs exactly what uv.lock pins and fails while it is out of
    date. `nox -s lock -- --upgrade` moves every pin to the newest release that
    pyproject.toml allows; `-- --upgrade-package NAME` moves one.
    """
    session.run(sys.executable, "-m", "uv", "lock", *session.posargs, external=True)


@nox.session(name="format", default=False)
def format_markdown(session: nox.Session) -> None:
    """Format the Markdown in place with mdformat, as `lint` checks it."""
    install_groups(session, "lint")
    session.run("mdformat", *MARKDOWN_FORMATTED)


@nox.session
def tests(session: nox.Session) -> None:
    """primitives' tests, every Python example on the pages, and the page checks.

    Arguments go to pytest: `nox -s tests -- docs/threads.md` checks one page.
    When every file git tracks or would track (see `project_files`), the
    session's Python, the installed extension's wheel and the environment's
    PYTEST*/PYTHON*/HYPOTHESIS*/COVERAGE* variables are byte for byte those of
    the last passing run, the tests are not run again: the session says so and
    passes. TESTS_FRESH=1 (or CI=true, or any argument) runs them anyway.
    """
    keep_bytecode(session)
    install_groups(session, "test", "bridge")
    # The pages' Python examples import the Rust extension.
    install_bridge(session)
    ignored = ["--ignore=tests/listings", "--ignore=tests/browser"]
    if session.posargs:
        session.run("pytest", *ignored, *session.posargs)
        return
    wheels = sorted((BRIDGE / "target" / "wheels").glob("*/*.whl"))
    checked = project_fingerprint(session, [(BRIDGE / "target" / "wheels", wheels)])
    passed = Path("build/tests/passed-fingerprint")
    what = "the project's files, Python and the extension's wheel"
    if checked and reuse_passed_run(session, passed, checked, what, "TESTS_FRESH"):
        return
    # One pytest worker a core (pytest-xdist; PYTEST_XDIST_AUTO_NUM_WORKERS=N asks
    # for N, 0 for none), each given whole files: a module's docstring examples
    # share one namespace, in order. coverage measures the workers
    # (`patch = ["subprocess"]` in pyproject.toml) and combines their data.
    session.run("coverage", "erase")
    session.run(
        "coverage",
        "run",
        "--parallel-mode",
        "--branch",
        "--source=src/primitives",
        "-m",
        "pytest",
        "--numprocesses=auto",
        "--dist=loadfile",
        *ignored,
        "tests",
        "docs",
        "src/primitives",
    )
    session.run("coverage", "combine", "--quiet")
    session.run("coverage", "report", f"--fail-under={MIN_BRANCH_COVERAGE}")
    if checked:
        record_pass(session, passed, checked)


@nox.session
def bridge(session: nox.Session) -> None:
    """The Rust extension in bridge/: rustfmt, clippy, then its tests from Python.

    Builds and installs the extension (see `install_bridge`), then bridge/tests
    checks it against a pure-Python checksum, shows that it releases the GIL and
    that it refuses what is not `bytes`. Arguments go to pytest.
    """
    install_groups(session, "test", "bridge")
    with session.chdir(BRIDGE):
        session.run("cargo", "fmt", "--check", external=True)
    install_bridge(session)
    with session.chdir(BRIDGE):
        # In release mode, as maturin builds: both share the build scripts and
        # procedural macros that a cold build spends most of its time on. After
        # maturin, which sets PyO3's build-script variables its own way: a warm
        # run, which builds no wheel, then finds clippy's last state and checks
        # nothing again.
        session.run(
            "cargo",
            "clippy",
            "--locked",
            "--release",
            "--",
            "-D",
            "warnings",
            external=True,
        )
    session.run("pytest", *(session.posargs or [str(BRIDGE / "tests")]))


@nox.session
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


@nox.session(venv_backend="none")
def exercises(session: nox.Session) -> None:
    """The Rust exercises: each starter fails on todo!(), each solution passes.

    See tools/sitecheck/exercises.py. `nox -s exercises -- NAME` checks one;
    `-- --bless` rewrites each starter's first-run.txt from its run. When
    exercises/ (but its target/), tools/sitecheck, the Python and the Rust
    toolchain are byte for byte those of the last passing run, the check is not
    run again: the session says so and passes. EXERCISES_FRESH=1 (or CI=true, or
    any argument) runs it anyway.
    """
    if not shutil.which("cargo"):
        session.error("cargo is not on PATH: install a Rust toolchain (rustup.rs)")
    checked = fingerprint(
        [session.name, sys.version, *tool_versions(["rustc", "-vV"], ["cargo", "-V"])],
        [
            (Path(), Path("tools/sitecheck").glob("*.py")),
            (
                Path(),
                [
                    path
                    for path in Path("exercises").rglob("*")
                    if "target" not in path.parts
                ],
            ),
        ],
    )
    passed = Path("build/exercises/passed-fingerprint")
    what = "exercises/, tools/sitecheck, Python, rustc and cargo"
    if reuse_passed_run(session, passed, checked, what, "EXERCISES_FRESH"):
        return
    run_sitecheck(session, "exercises")
    record_pass(session, passed, checked)


@nox.session(venv_backend="none")
def loom(session: nox.Session) -> None:
    """The lessons' atomic patterns, model-checked by loom (the package in loom/).

    See tools/sitecheck/loom_models.py: rustfmt and clippy -D warnings in both
    builds, the same code on real threads, every model under loom with the
    interleavings it ran, and the Relaxed bug loom must find, each compared with
    loom/expected/. `nox -s loom -- --bless` rewrites loom/expected/.
    """
    if not shutil.which("cargo"):
        session.error("cargo is not on PATH: install a Rust toolchain (rustup.rs)")
    run_sitecheck(session, "loom_models")


def run_sitecheck(session: nox.Session, module: str) -> None:
    """Run ``tools/sitecheck/MODULE.py`` with the session's arguments."""
    session.run(
        sys.executable,
        "-m",
        f"sitecheck.{module}",
        *session.posargs,
        env={"PYTHONPATH": str(Path("tools").resolve())},
        external=True,
    )


@nox.session(default=False)
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

#: 2026-01-01T00:00:00Z: the build date outside a git checkout.
UNCOMMITTED_BUILD_DATE = "1767225600"


def site_build_date() -> dict[str, str]:
    """SOURCE_DATE_EPOCH for a build of the site: the checked-out commit's time.

    MkDocs writes the build's day into sitemap.xml.gz (the published pages'
    last change) and hatchling the file times into the primitives wheel; with the
    commit's date a rebuild of the same commit is byte for byte the same on any
    day (and `browser` finds the site it last tested).
    """
    try:
        committed = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        committed = ""
    return {"SOURCE_DATE_EPOCH": committed or UNCOMMITTED_BUILD_DATE}


@nox.session
def site(session: nox.Session) -> None:
    """Build the site with --strict: broken links, anchors or includes fail.

    When the project's files (see `project_files`) and the session's Python are
    byte for byte those of the last build that passed, and site/ still holds
    exactly what that build wrote, the site is not built again: the session says
    so and passes. SITE_FRESH=1 (or CI=true) builds it anyway.
    """
    keep_bytecode(session)
    install_groups(session, "docs")
    BUILT_SITE.clear()
    site_dir = Path("site")
    build_date = site_build_date()
    inputs = project_fingerprint(session, [])
    inputs = inputs and f"{inputs} {build_date['SOURCE_DATE_EPOCH']}"
    passed = Path("build/site/passed-fingerprint")
    built = f"{inputs}\n{files_digest(site_dir)}"
    what = "the project's files, Python and site/"
    if not (inputs and reuse_passed_run(session, passed, built, what, "SITE_FRESH")):
        session.run(
            "mkdocs",
            "build",
            "--strict",
            "--site-dir",
            str(site_dir),
            env=build_date,
        )
        session.run(
            "python", "-m", "site_extensions.exercises_archive", "--check", site_dir
        )
        if inputs:
            record_pass(session, passed, f"{inputs}\n{files_digest(site_dir)}")
    BUILT_SITE.append(site_dir.resolve())


@nox.session
def browser(session: nox.Session) -> None:
    """The built site in Debian's Chromium: loads, layout, copy, search, offline, axe.

    Tests the site the `site` session built earlier in the same nox run, or else
    builds it (mkdocs build --strict, into build/browser-site). Screenshots and the
    axe findings are written to build/browser/. When the site, the browser tests,
    uv.lock and Chromium are all byte for byte what the last passing run tested,
    the tests are not run again: the session says so and passes. BROWSER_FRESH=1
    (or CI=true, or any pytest argument) runs them anyway.
    """
    install_groups(session, "docs", "browser")
    if BUILT_SITE:
        site_dir = BUILT_SITE[0]
    else:
        site_dir = Path("build/browser-site").resolve()
        build = ["mkdocs", "build", "--quiet", "--strict", "--site-dir", site_dir]
        session.run(*map(str, build), env=site_build_date())
    tested = browser_fingerprint(session.name, site_dir)
    passed = Path("build/browser/passed-fingerprint")
    what = "the site, tests/browser, uv.lock and Chromium"
    if reuse_passed_run(session, passed, tested, what, "BROWSER_FRESH"):
        return
    # A page's first test finishes its survey (both schemes audited by axe) and
    # begins the next page's, which can take minutes on a busy 2-core machine: far
    # more than pytest's default limit.
    session.run(
        "pytest",
        "tests/browser",
        "--timeout=300",
        *session.posargs,
        env={"BROWSER_SITE_DIR": str(site_dir)},
    )
    record_pass(session, passed, tested)


def browser_fingerprint(session_name: str, site_dir: Path) -> str:
    """A digest of everything a browser run's verdict depends on."""
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "chromium"
    sources = [
        Path("uv.lock"),
        Path("pyproject.toml"),
        *Path("tests/browser").glob("*.py"),
        *Path("tests/browser").glob("*.js"),
    ]
    return fingerprint(
        [session_name, chromium, *tool_versions([chromium, "--version"])],
        [(Path(), sources), (site_dir, site_dir.rglob("*"))],
    )


def keep_bytecode(session: nox.Session) -> None:
    """Let the session's Python keep its bytecode caches (ignored __pycache__/).

    With PYTHONDONTWRITEBYTECODE set, every run compiles every module it imports
    anew: each pytest worker's test modules and their assertion rewriting, each
    notebook kernel's IPython, and MkDocs with its plugins.
    """
    session.env["PYTHONDONTWRITEBYTECODE"] = None


def project_files() -> list[Path] | None:
    """Every file git tracks or would track (not ignored), or None outside git.

    A tracked file that was deleted is left out, so deleting one changes a
    fingerprint too.
    """
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return [Path(name) for name in listed.decode().split("\0") if name]


#: Environment variables that can change how Python, pytest, Hypothesis or
#: coverage behave, and so a verdict.
VERDICT_VARIABLES = ("PYTEST", "PYTHON", "HYPOTHESIS", "COVERAGE")


def project_fingerprint(
    session: nox.Session, more: list[tuple[Path, Iterable[Path]]]
) -> str:
    """A digest of the project's files, the session's Python and `more`.

    Empty when the project's files cannot be listed (not a git checkout): then
    nothing is reused.
    """
    files = project_files()
    if files is None:
        session.log("git cannot list the project's files: nothing is reused")
        return ""
    python = session.run("python", "-VV", silent=True)
    variables = sorted(
        f"{name}={value}"
        for name, value in os.environ.items()
        if name.startswith(VERDICT_VARIABLES)
    )
    return fingerprint(
        [session.name, str(python), *variables], [(Path(), files), *more]
    )


def tool_versions(*commands: list[str]) -> list[str]:
    """What each command prints (a tool's version), or that it could not run."""
    printed = []
    for command in commands:
        try:
            printed.append(
                subprocess.run(
                    command, capture_output=True, text=True, check=False
                ).stdout
            )
        except OSError:
            printed.append(f"{command[0]} cannot run")
    return printed


def fingerprint(header: list[str], trees: list[tuple[Path, Iterable[Path]]]) -> str:
    """A digest of `header` and of each file's path (from its root) and bytes."""
    digest = hashlib.sha256("\n".join(header).encode())
    for root, files in trees:
        for path in sorted(files):
            if path.is_file():
                digest.update(f"{path.relative_to(root)}\n".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def files_digest(folder: Path) -> str:
    """A digest of every file under `folder`: its path and its bytes."""
    return fingerprint([], [(folder, folder.rglob("*"))])


def reuse_passed_run(
    session: nox.Session, passed: Path, checked: str, what: str, fresh: str
) -> bool:
    """Whether the last run that passed checked exactly `checked`; if so, say so.

    A run given arguments, or with `fresh` or CI set in the environment, is never
    skipped. Otherwise the record of the last pass is removed, so a run that fails
    leaves none behind.
    """
    asked_fresh = session.posargs or os.environ.get(fresh) or "CI" in os.environ
    if (
        not asked_fresh
        and passed.is_file()
        and passed.read_text(encoding="utf-8") == checked
    ):
        session.log(
            f"not run again: {what} are those of the last run that passed "
            f"({fresh}=1 runs it)"
        )
        return True
    passed.unlink(missing_ok=True)
    return False


def record_pass(session: nox.Session, passed: Path, checked: str) -> None:
    """Keep `checked` as what the last passing run checked (not for a partial run)."""
    if not session.posargs:
        passed.parent.mkdir(parents=True, exist_ok=True)
        passed.write_text(checked, encoding="utf-8")


@nox.session(default=False)
def zensical(session: nox.Session) -> None:
    """Build mkdocs.yml with Zensical too and report what differs from MkDocs.

    Material for MkDocs reaches end of life in May 2027; this shows how far the
    site is from moving. It reports, it does not fail on a difference. Zensical
    reads mkdocs.yml's `markdown_extensions` (so the site's own extensions in
    tools/site_extensions run in both builds) but not its `hooks`: the two hooks,
    which build the primitives wheel and the exercises' archive into
    docs/downloads/, are run here as `python -m site_extensions.wheel` and
    `python -m site_extensions.exercises_archive` before Zensical lists the files
    in docs/.
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
    session.run("python", "-m", "site_extensions.exercises_archive")
    session.run("zensical", "build", "--clean")
    shutil.rmtree(zensical_site, ignore_errors=True)
    shutil.move("site", zensical_site)
    session.run(
        "python", "tools/compare_builds.py", str(mkdocs_site), str(zensical_site)
    )


@nox.session(default=False)
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


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Rust (release) and Python benchmarks behind docs/benchmarks.md.

    Rewrites docs/benchmarks/results.json and the SVG plots beside it; takes a
    few minutes. Arguments go to bench/run.py: `nox -s bench -- --scale 0.05
    --output /tmp/bench` is a quick smoke run that leaves the results alone.
    """
    if not shutil.which("cargo"):
        session.error("cargo is not on PATH: install a Rust toolchain (rustup.rs)")
    install_groups(session, "bench", "bridge")
    install_bridge(session)
    session.run("python", "bench/run.py", *session.posargs)
