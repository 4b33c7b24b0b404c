"""The built site, served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "browser"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "Chromium is not installed: `apt-get install chromium` (Debian's package), "
            "or set CHROMIUM to its path",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the working tree, exactly as CI builds it.

    `nox -s browser` sets BROWSER_SITE_DIR to the build it tested or made (the
    same command on the same working tree); that build is tested instead.
    """
    prebuilt = os.environ.get("BROWSER_SITE_DIR")
    if prebuilt:
        if not (Path(prebuilt) / "index.html").is_file():
            pytest.fail(f"BROWSER_SITE_DIR={prebuilt} holds no built site")
        return Path(prebuilt)
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stderr}", pytrace=False)
    return target


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


@dataclass
class Traffic:
    """What a page asked for and complained about while it was open."""

    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


TAB_TIMEOUT_MS = 120_000
LOCAL_SCHEMES = ("data:", "blob:", "about:", "file://")


def is_local(url: str, base_url: str) -> bool:
    return url.startswith((base_url, *LOCAL_SCHEMES))


def open_context(
    browser: Browser, base_url: str, traffic: Traffic, **options: object
) -> BrowserContext:
    """A browser context that refuses, and records, every request to another host."""
    context = browser.new_context(**options)
    guard_requests(context, base_url, lambda: traffic)
    return context


def guard_requests(
    context: BrowserContext, base_url: str, traffic: Callable[[], Traffic]
) -> None:
    """Refuse every request to another host, recording it.

    Only those requests are routed here: the browser matches each URL against the
    pattern itself, so the site's own requests go through without a round trip to
    Python. Routing any request disables the context's HTTP cache all the same.
    """
    local = "|".join(re.escape(prefix) for prefix in (base_url, *LOCAL_SCHEMES))

    def refuse(route, request) -> None:  # type: ignore[no-untyped-def]
        traffic().foreign_requests.append(request.url)
        route.abort()

    context.route(re.compile(f"^(?!{local})"), refuse)


def watch(page: Page, traffic: Traffic | Callable[[], Traffic]) -> Page:
    """Record the page's console errors and uncaught exceptions in `traffic`."""
    current = traffic if callable(traffic) else lambda: traffic
    page.on(
        "console",
        lambda message: (
            message.type == "error" and current().console_errors.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: current().console_errors.append(str(error)))
    return page


class Tab:
    """A tab kept open from page to page, as a reader's is; each visit is its own.

    A fresh context per page costs a new renderer process each time, about twice
    the CPU of navigating an open tab, and the browser tests are CPU-bound. Before
    each visit the tab's cookies and the site's local and session storage are
    emptied (Material keeps its palette there), so the page sees no state from the
    one before, and nothing comes from the HTTP cache (routing disables it), so
    every request the page makes reaches the guard's pattern. Each visit gets its
    own `Traffic`: from the moment it starts, foreign requests and console errors
    are recorded there.
    """

    def __init__(self, browser: Browser, base_url: str, **options: object) -> None:
        self.traffic = Traffic()
        self.context = browser.new_context(**options)
        # A tab loads while the other crew's audits run, which on a busy machine
        # can outlast Playwright's 30 s default; pytest's limit still bounds each test.
        self.context.set_default_timeout(TAB_TIMEOUT_MS)
        guard_requests(self.context, base_url, lambda: self.traffic)
        self.page = watch(self.context.new_page(), lambda: self.traffic)

    def visit(self, url: str) -> Traffic:
        """Load `url` (until its load event) and return the visit's traffic."""
        if self.page.url.startswith("http"):
            self.page.evaluate(
                "() => { localStorage.clear(); sessionStorage.clear(); }"
            )
        self.context.clear_cookies()
        self.traffic = Traffic()
        self.page.goto(url, wait_until="load")
        return self.traffic

    def close(self) -> None:
        self.context.close()


def site_pages(site_dir: Path) -> list[str]:
    return sorted(
        str(path.relative_to(site_dir))
        for path in site_dir.rglob("*.html")
        if path.name != "404.html" and "assets" not in path.parts
    )


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
