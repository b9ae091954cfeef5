"""Drive Debian's Chromium through Playwright, for the browser tests and the page benchmark.

Playwright never downloads a browser here: it starts the system's Chromium (or Chrome)
with the flags this offline machine needs, and every request to another host is aborted
and recorded.
"""
from __future__ import annotations

import os
import shutil
import warnings
from dataclasses import dataclass, field
from importlib.metadata import version

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
# Headless Chromium 156 renders the address bar's two WebUI pop-ups, unseen, for every window
# it opens (each browser context is one): a third of a core for as long as the browser runs.
UNSEEN_POPUPS = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BUDGET_BYTES = 400 * 1024  # what a cold load of one page may transfer


def chromium_path() -> str:
    """$CHROMIUM, else the first Chromium or Chrome on PATH."""
    found = shutil.which(os.environ["CHROMIUM"]) if "CHROMIUM" in os.environ else next(
        (p for p in map(shutil.which, CANDIDATES) if p), None)
    if not found:
        raise RuntimeError("no Chromium found: install Debian's 'chromium' package or set $CHROMIUM")
    return found


def playwright_disabled_features(playwright) -> str:
    """The --disable-features switch Playwright gives Chromium, as a first launch shows it."""
    browser = playwright.chromium.launch(executable_path=chromium_path(), args=FLAGS)
    try:
        page = browser.new_page()
        page.goto("chrome://version")
        found = [arg for arg in page.inner_text("#command_line").split() if arg.startswith("--disable-features=")]
    finally:
        browser.close()
    if len(found) != 1:
        raise RuntimeError(f"Playwright {version('playwright')} started Chromium with {len(found)} --disable-features "
                           "switches, not one: tools/browser.py cannot add UNSEEN_POPUPS to its list")
    return found[0]


def launch(playwright):
    """Chromium with FLAGS, and with UNSEEN_POPUPS added to the features Playwright turns off:
    Chromium obeys only the last --disable-features switch, so Playwright's is replaced by
    one that holds its list and ours. If a new Chromium opens the pop-ups all the same, the
    tests still run, slower, and a warning says what to update."""
    defaults = playwright_disabled_features(playwright)
    browser = playwright.chromium.launch(executable_path=chromium_path(), ignore_default_args=[defaults],
                                         args=[*FLAGS, ",".join([defaults, *UNSEEN_POPUPS])])
    popups = popups_of_a_new_window(browser)
    if popups:
        warnings.warn(f"Chromium {browser.version} still opens {popups} (Playwright {version('playwright')}): "
                      "name their features in UNSEEN_POPUPS, tools/browser.py", stacklevel=2)
    return browser


def popups_of_a_new_window(browser) -> list[str]:
    """The address bar's WebUI pop-ups Chromium opens with a new window."""
    context = browser.new_context()
    context.new_page()
    session = browser.new_browser_cdp_session()
    targets = session.send("Target.getTargets", {"filter": [{}]})["targetInfos"]
    session.detach()
    context.close()
    return [target["url"] for target in targets if target["url"].startswith("chrome://omnibox-popup")]


@dataclass
class Visit:
    """What happened while one page loaded in a fresh browser context."""
    external_requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    transferred_bytes: int = 0


def visit(browser, url: str, local_prefix: str, until: str = "networkidle", **context_options):
    """Open ``url`` in a new context; return the page (still open) and what was observed.
    By default it waits until the network is idle, so that every request of the load is
    counted; a reader's task may begin at the ``load`` event."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    seen = Visit()

    def route(request_route):
        if request_route.request.url.startswith(local_prefix) or request_route.request.url.startswith("data:"):
            request_route.continue_()
        else:
            seen.external_requests.append(request_route.request.url)
            request_route.abort()

    def finished(request):
        sizes = request.sizes()
        seen.transferred_bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    page.route("**/*", route)
    page.on("console", lambda m: seen.errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: seen.errors.append(f"page error: {e}"))
    page.on("response", lambda r: seen.failed_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfinished", finished)
    page.goto(url, wait_until=until)
    page.remove_listener("requestfinished", finished)
    return page, seen
