"""The browser-test rig: Debian's Chromium, driven by Playwright, against a real
WSGI server (the ACCEPTANCE_TESTING layer) serving a Plone site with the add-on.

Every test under tests/browser is marked ``browser`` (``make test-browser`` runs
them, ``-m 'not browser'`` leaves them out). Each test gets a fresh browser context,
so no cookie or storage leaks between tests. Content a test creates through the
``acceptance_portal`` must be committed (``transaction.commit()``) before the
server thread can see it. When a test fails, a screenshot of its page is written
to test-results/. Helpers for the tests themselves live in ``browsing``.
"""

from browsing import close_settled
from browsing import screenshot
from browsing import wait_for_quiet_server
from browsing import watch_requests
from collections.abc import Iterator
from design_pages import design_as
from design_pages import editor_named
from design_pages import make_page
from design_pages import text
from design_pages import two_column_page
from pathlib import Path
from playwright.sync_api import Browser
from playwright.sync_api import BrowserContext
from playwright.sync_api import expect
from playwright.sync_api import Page
from playwright.sync_api import sync_playwright
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.layer import Layer
from Products.CMFPlone.Portal import PloneSite

import pytest
import re


HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-sync",
    "--metrics-recording-only",
    "--no-first-run",
]
TIMEOUT_MS = 20_000
# Assertions wait as long as actions do: on a busy machine (2 shared cores) a
# save or an upload may take longer than Playwright's 5 s default.
expect.set_options(timeout=TIMEOUT_MS)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests of this folder ``browser`` before ``-m`` selects."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the test, for the screenshot on failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, once for the session."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def acceptance_portal(acceptance: Layer) -> PloneSite:
    """The site the server serves; commit what you change for the browser to see."""
    return acceptance["portal"]


@pytest.fixture
def portal_url(acceptance: Layer) -> str:
    """The site's URL on the test server, always on ``localhost``."""
    assert acceptance["host"] == "localhost"
    return f"http://{acceptance['host']}:{acceptance['port']}/plone"


@pytest.fixture
def page(
    browser: Browser, portal_url: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A page in a fresh browser context; relative URLs resolve in the site."""
    context = new_context(browser, portal_url)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not page.is_closed():
        # Parameters may hold characters a file name cannot.
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        screenshot(page, f"{name}-failed")
    close_settled(context)


@pytest.fixture
def site_manager() -> tuple[str, str]:
    """Login name and password of a Manager (the test layer's site owner)."""
    return SITE_OWNER_NAME, SITE_OWNER_PASSWORD


@pytest.fixture
def jane(acceptance_portal: PloneSite) -> tuple[str, str]:
    """An Editor called Jane Doe (the toolbar shows the full name)."""
    return editor_named(acceptance_portal, "Jane", "Jane Doe")


@pytest.fixture
def ben(acceptance_portal: PloneSite) -> tuple[str, str]:
    """A second Editor, Ben Baker: another editor of the same page."""
    return editor_named(acceptance_portal, "Ben", "Ben Baker")


@pytest.fixture
def composite(acceptance_portal: PloneSite):
    """The page most tests design: two columns, Alpha and Beta in the main
    slot, Gamma in the sidebar. A module needing another page defines its
    own ``composite``."""
    return two_column_page(acceptance_portal)


@pytest.fixture
def designer(page: Page, jane: tuple[str, str], composite) -> Page:
    """Jane, an Editor, in design mode of ``composite``."""
    design_as(page, jane)
    return page


@pytest.fixture
def second_page(browser: Browser, portal_url: str) -> Iterator[Page]:
    """A page in a second browser context: another editor's browser."""
    context = new_context(browser, portal_url)
    yield context.new_page()
    close_settled(context)


@pytest.fixture
def visitor(browser: Browser, portal_url: str) -> Iterator[Page]:
    """A page in a browser context of its own, never logged in: an anonymous
    visitor's, to see what the editors' work gives."""
    context = new_context(browser, portal_url)
    yield context.new_page()
    close_settled(context)


@pytest.fixture
def no_script_page(browser: Browser, portal_url: str) -> Iterator[Page]:
    """A page in a browser context with JavaScript turned off."""
    context = browser.new_context(base_url=f"{portal_url}/", java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    close_settled(context)


def new_context(browser: Browser, portal_url: str) -> BrowserContext:
    """A fresh browser context whose relative URLs resolve in the site."""
    context = browser.new_context(
        base_url=f"{portal_url}/", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    watch_requests(context)
    return context


@pytest.fixture(autouse=True)
def quiet_server(portal_url: str) -> Iterator[None]:
    """After the test's own fixtures closed their browser contexts (each with
    ``close_settled``, as a fixture making its own context should), wait
    until the server answered the requests it took, before the layer closes
    the test's database (this fixture needs the layer's, so it is torn down
    before)."""
    yield
    wait_for_quiet_server(quiet_ms=0)


@pytest.fixture
def embed_page(acceptance_portal):
    """One column: Alpha, Beta, then an HTML embed showing "Map" (an Editor
    may move and remove it, not add one)."""
    return make_page(
        acceptance_portal,
        {
            "layout": "one-column",
            "slots": {
                "main": [
                    text("alpha", "Alpha"),
                    text("beta", "Beta"),
                    {"id": "embed", "type": "html", "settings": {"html": "<p>Map</p>"}},
                ]
            },
        },
    )
