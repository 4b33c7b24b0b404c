"""Chromium tabs on the built site that refuse, and record, requests to other hosts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]
#: The two screens the browser tests read the site on: a desktop's and a phone's.
WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


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
