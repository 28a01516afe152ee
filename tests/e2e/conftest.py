"""The browser harness: headless system Chromium driven by Playwright against pytest-django's live server.

Every test in this folder is marked `e2e`. Without /usr/bin/chromium (or the `playwright` package) the tests
are skipped, unless E2E_REQUIRED=1 says they must run, in which case they fail."""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the main thread for as long as the browser lives (the
# whole session), so Django's async-safety check would refuse every ORM call made by the tests themselves.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCREENSHOTS = ROOT / "test-results" / "screenshots"
CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))  # overridable to test the skip
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Desktop and a small phone (iPhone SE-like width); the app is used on both.
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 375, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
# The township offices read the site in Chinese; the browser asks for it as their browsers do.
BROWSER_LOCALE = "zh-CN"
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # Keep each phase's report on the item, so the page fixture can photograph a failure before closing.
    report = yield
    setattr(item, f"e2e_report_{report.when}", report)
    return report


def _unavailable(reason: str) -> None:
    if os.environ.get("E2E_REQUIRED") == "1":
        pytest.fail(f"E2E_REQUIRED=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (browser tests need the system Chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the python package `playwright` is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def e2e_db(transactional_db):
    """Rows committed for real, so the live server's thread sees them; request it before any user fixture."""


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text).strip("-")


SEVERE = ("serious", "critical")


def accessibility_problems(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it stands (WCAG 2.1 A and AA rules)."""
    from axe_playwright_python.sync_playwright import Axe

    # Only the violations come back: the passes and the rest, serialised for every node, cost more than the check.
    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"],
    }
    results = Axe().run(page, options=options)
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") in SEVERE:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            problems.append(f"{page.url} [{violation['impact']}] {violation['id']}: {violation['help']} — {targets}")
    return problems


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable:
    """Save the page to test-results/screenshots/<test-name>[-<params>][-<step>]-<viewport>.png, after axe-core
    has checked it: every page a browser test photographs is also checked for accessibility."""

    def take(page, step: str = "") -> Path:
        problems = accessibility_problems(page)
        assert not problems, "accessibility (axe-core):\n" + "\n".join(problems)
        viewport = getattr(page, "e2e_viewport", "page")
        callspec = getattr(request.node, "callspec", None)
        params = [str(v) for k, v in (callspec.params.items() if callspec else []) if k != "viewport"]
        parts = [request.node.originalname, *params, step, viewport]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / ("-".join(_safe(p) for p in parts if p) + ".png")
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[Callable]:
    """A factory: page("desktop" | "phone") opens a fresh page in its own browser context (own cookies)."""
    contexts = []
    refused: list[str] = []  # what the content security policy blocked, on any page of the test

    def make(viewport: str):
        context = browser.new_context(locale=BROWSER_LOCALE, **VIEWPORTS[viewport])
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        tab = context.new_page()
        tab.e2e_viewport = viewport
        tab.on(
            "console",
            lambda message: (
                refused.append(f"{tab.url}: {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        return tab

    yield make
    report = getattr(request.node, "e2e_report_call", None)
    failed = report is not None and report.failed
    for context in contexts:
        if failed:
            for i, tab in enumerate(context.pages):
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                name = _safe(request.node.name) + f"-FAILED-{i}.png"
                try:
                    tab.screenshot(path=str(SCREENSHOTS / name), full_page=True)
                except Exception:  # noqa: BLE001, S110 - a broken page must not hide the real failure
                    pass
        context.close()
    assert not refused, "the content security policy blocked something the page needs:\n" + "\n".join(refused)


@pytest.fixture
def demo(e2e_db, demo_copy):
    """The demo loaded as `make run` loads it, its rows committed for the live server: built by the first test
    of the worker, then copied back (tests/demo_copy.py)."""
    demo_copy.restore()
