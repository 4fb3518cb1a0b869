"""Helpers for the browser tests: ``from browsing import login``; and how the
rig closes a test's browser context (``close_settled``)."""

from collections.abc import Callable
from collections.abc import Iterable
from pathlib import Path
from playwright.sync_api import BrowserContext
from playwright.sync_api import expect
from playwright.sync_api import Page
from playwright.sync_api import Request
from plone.testing.zope import WSGI_SERVER_FIXTURE
from weakref import WeakKeyDictionary
from weakref import WeakSet

import threading
import time


RESULTS = Path(__file__).resolve().parent.parent.parent / "test-results"
# How long the requests a test's pages sent may take to be answered before its
# browser context is closed anyway.
SETTLE_MS = 5_000
# How long the server may take to answer what a test's pages sent, as long as
# any action may take (TIMEOUT_MS in conftest.py): closing the test's database
# under it would break the transactions of every later test.
SERVER_SETTLE_MS = 20_000
# How long the server must have taken and answered no request before what the
# pages that went sent counts as answered. A page going (its ``pagehide``)
# hands its last requests (design mode's lock release, a ``keepalive`` fetch)
# to the browser, where Playwright does not see them; they reach the server a
# moment later: up to a tenth of a second after the page closed, measured
# with the machine's two cores loaded five times over.
QUIET_MS = 250
# Methods that write nothing: their requests are waited for only when they
# load a page (a navigation), not when a script or a style loads, one of which
# may never report its end.
READS = {"GET", "HEAD", "OPTIONS"}


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as test-results/NAME.png.

    :param page: the page to capture.
    :param name: the file name without extension.
    :returns: the path of the written file.
    """
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def login(page: Page, user: str, password: str) -> None:
    """Log in through the site's login form and wait until the toolbar shows the user.

    :param page: a page from the ``page`` fixture.
    :param user: the login name.
    :param password: the password.
    :raises AssertionError: when the login form does not accept the credentials.
    """
    page.goto("login")
    page.locator("#__ac_name").fill(user)
    page.locator("#__ac_password").fill(password)
    page.get_by_role("button", name="Log in").click()
    # The personal tools menu, with the user's name, appears only once logged in.
    expect(page.locator("#personaltools-menulink")).to_contain_text(user)


def matters(request: Request) -> bool:
    """Whether the closing of a test's context waits for ``request``'s answer:
    a write (``POST``, ``PATCH``, ``DELETE``, a beacon) or a page (a frame's
    navigation); not the scripts, styles, images and reads a page loads.

    :param request: a request a page sent.
    """
    return request.method not in READS or request.is_navigation_request()


# Browser context -> the requests that matter its pages sent, not answered yet.
_UNANSWERED: "WeakKeyDictionary[BrowserContext, set[Request]]" = WeakKeyDictionary()
# The browser contexts whose pages sent a write.
_WROTE: "WeakSet[BrowserContext]" = WeakSet()


def watch_requests(context: BrowserContext) -> None:
    """Keep count of the requests that matter that ``context``'s pages send,
    for :func:`close_settled`, and watch the server (:func:`server_watch`)."""
    server_watch()
    unanswered = _UNANSWERED[context] = set()

    def sent(request: Request) -> None:
        if matters(request):
            unanswered.add(request)
        if request.method not in READS:
            _WROTE.add(context)

    def answered(request: Request) -> None:
        unanswered.discard(request)

    context.on("request", sent)
    context.on("requestfinished", answered)
    context.on("requestfailed", answered)


def close_settled(context: BrowserContext) -> None:
    """Close ``context`` once its pages' requests were answered, those they
    send as they go included.

    A test may end while its page still talks to the server (a design mode
    opened last takes its lock, a dialog loads its form), and a page sends
    requests as it goes (design mode releases its lock on ``pagehide``):
    answered once the test's teardown closed the site's database, or while the
    next test sets up, they break or conflict with that test's transactions.
    So the writes and page loads under way are waited for first (up to
    :data:`SETTLE_MS`), then each page is closed, which runs its ``pagehide``
    and ``unload`` handlers but never a ``beforeunload`` prompt (unsaved
    changes do not keep it open), and the server is waited for until it has
    answered what they sent (:func:`wait_for_quiet_server`), before the
    context and its network go. Only pages that wrote are taken to write as
    they go (design mode takes its lock before it releases it): the server is
    not given time to hear from pages that only read.

    :param context: a browser context made with :func:`watch_requests` (or
        not: then only its pages' going is waited for); closing it again does
        nothing.
    """
    unanswered = _UNANSWERED.get(context, set())
    pages = [page for page in context.pages if not page.is_closed()]
    deadline = time.monotonic() + SETTLE_MS / 1000
    while unanswered and pages and time.monotonic() < deadline:
        # Waiting on a page lets Playwright deliver the requests' events.
        pages[0].wait_for_timeout(50)
    for page in pages:
        page.close()
    watched = context in _UNANSWERED
    if pages and (context in _WROTE or not watched):
        wait_for_quiet_server()
    else:
        wait_for_quiet_server(quiet_ms=0)
    context.close()


class ServerWatch:
    """The test server's WSGI application, wrapped to know when it is quiet:
    how many requests it is answering and when it last took or answered one."""

    def __init__(self, application: Callable) -> None:
        self.application = application
        self.lock = threading.Lock()
        self.answering = 0
        self.changed = time.monotonic()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        self._count(1)
        try:
            # Zope commits (or aborts) a request's transaction before it
            # returns the answer's body.
            return self.application(environ, start_response)
        finally:
            self._count(-1)

    def _count(self, change: int) -> None:
        with self.lock:
            self.answering += change
            self.changed = time.monotonic()

    def quiet_since(self) -> float | None:
        """:returns: when (``time.monotonic()``) the server last answered a
        request, None while it answers one."""
        with self.lock:
            return None if self.answering else self.changed


def server_watch() -> ServerWatch:
    """The watch of the server that ``WSGI_SERVER_FIXTURE`` runs (the browser
    tests' layers share it), put around its application at the first call."""
    server = WSGI_SERVER_FIXTURE.server
    if not isinstance(server.test_app, ServerWatch):
        server.test_app = ServerWatch(server.test_app)
    return server.test_app


def wait_for_quiet_server(quiet_ms: int = QUIET_MS) -> None:
    """Wait until the test server answered every request it took and had none
    for ``quiet_ms`` since this wait began (up to :data:`SERVER_SETTLE_MS`):
    the requests of pages that went are answered then, whatever Playwright
    saw of them.

    :param quiet_ms: 0 to wait only for the requests the server took already.
    """
    watch = server_watch()
    began = time.monotonic()
    deadline = began + SERVER_SETTLE_MS / 1000
    while time.monotonic() < deadline:
        since = watch.quiet_since()
        if (
            since is not None
            and time.monotonic() - max(since, began) >= quiet_ms / 1000
        ):
            return
        time.sleep(0.01)
