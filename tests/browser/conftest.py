"""The built site, served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, sync_playwright

from .survey import AXE_SCRIPT, AXE_URL_PATH, Surveyor, surveyed_pages
from .tabs import ROOT

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


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site, and axe-core at AXE_URL_PATH for the audits."""

    def translate_path(self, path: str) -> str:
        if urlsplit(path).path == AXE_URL_PATH:
            return str(AXE_SCRIPT)
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_SiteHandler, directory=str(site_dir))
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


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def surveys(
    request: pytest.FixtureRequest, browser: Browser, base_url: str, artifacts: Path
) -> Iterator[Surveyor]:
    """Each page's survey, made when a test of any module first asks for it, then
    kept: every page is loaded once per survey tab for the whole run."""
    surveyor = Surveyor(
        browser,
        base_url,
        artifacts,
        surveyed_pages(request.session.items),
        crews=int(os.environ.get("BROWSER_CREWS", "1")),
    )
    yield surveyor
    surveyor.close()
