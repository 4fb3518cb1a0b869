"""The fuzz suite's site and the properties every answer must have.

Requests go through the published WSGI application in the test's process: the
pipeline of the ``zope.ini`` that ``make start`` writes, in front of the test
site's publisher (:func:`published`), so traversal, PAS authentication
(plone.restapi's JWT plugin included), plone.rest, plone.protect and the
transaction run as a server runs them.

The properties:

- no answer is a server error (5xx);
- a refusal is a 4xx: from a service, a JSON error with a ``type`` and a
  ``message``, a 400 also with the ``field`` it is about, which the request
  sent (or, for ``PATCH``, the arrangement it changes); from a page, a
  message;
- a refused request changes nothing: the stored arrangement, its version, its
  history and the lock are as before, and no transaction was committed;
- what is accepted is valid (see :meth:`FuzzSite.check_stored`), goes back
  unchanged (``GET @composite``, ``PATCH`` it back, ``GET``: the same), and
  renders for visitors (``@@composite-view``) and in design mode
  (``@@composite-design``) without an error.
"""

from arrangement_fixtures import check_valid
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement import locking
from contextlib import contextmanager
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from functional_fixtures import PASSWORD
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import settings
from pathlib import Path
from plone import api
from rest_client import PublisherApp
from rest_client import RESTClient
from strategies import Raw
from urllib.parse import unquote_to_bytes
from wsgi_pipeline import pipeline
from wsgi_pipeline import write_zope_ini

import logging
import math
import os
import re
import transaction
import webtest


# ``default`` keeps ``make test`` fast and repeatable; ``fuzz`` (``make fuzz``)
# explores, with a new seed on every run.
# FUZZ_SHRINK=0 reports failures as found, without shrinking them (faster).
PHASES = tuple(
    phase
    for phase in Phase
    if os.environ.get("FUZZ_SHRINK", "1") != "0" or phase is not Phase.shrink
)
settings.register_profile(
    "composite-default",
    phases=PHASES,
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "100")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
    print_blob=True,
)
settings.register_profile(
    "composite-fuzz",
    parent=settings.get_profile("composite-default"),
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "1500")),
    derandomize=False,
)
PROFILE = {"default": "composite-default", "fuzz": "composite-fuzz"}[
    os.environ.get("HYPOTHESIS_PROFILE", "default")
]
#: The settings of every fuzz test.
fuzz_settings = settings(settings.get_profile(PROFILE))
#: Half the examples, for the slowest tests (a whole Plone form per example).
fuzz_settings_halved = settings(
    fuzz_settings, max_examples=max(10, fuzz_settings.max_examples // 2)
)

UID = re.compile(r"[0-9a-f]{32}\Z")
ERROR_CARD = "composite-card--error"


class LatinPaths(webtest.TestApp):
    """Gives the application the path as a WSGI server does: its bytes, each
    as one character (latin-1), whatever they are; webtest would decode them
    as UTF-8 and fail on non-latin characters."""

    def request(self, url_or_req, status=None, expect_errors=False, **req_params):
        req = self.RequestClass.blank(url_or_req, **req_params)
        path = url_or_req.split("?", 1)[0]
        req.environ["PATH_INFO"] = unquote_to_bytes(path).decode("latin-1")
        return super().request(req, status=status, expect_errors=expect_errors)


def published(app, var: Path):
    """The WSGI application ``make start`` serves: the pipeline of the
    ``zope.ini`` it writes (under ``var``), with the test site's publisher in
    the place of Zope.

    :param app: the Zope application root of the layer.
    """
    return pipeline(write_zope_ini(var), PublisherApp(app))


def client(app, wsgi, user: str | None = None, auth: str = "basic") -> RESTClient:
    """A client of the published application ``wsgi``, as ``user`` (None:
    anonymous)."""
    client = RESTClient(app, user, PASSWORD, auth=auth)
    client.testapp = LatinPaths(wsgi, lint=False)
    return client


class FuzzSite:
    """A published composite page, its clients and checks.

    :ivar page: the composite page ``/plone/page`` (published, so visitors see it).
    :ivar uids: widget type -> UIDs of items that suit it (for valid settings).
    """

    def __init__(self, app, wsgi, portal, page, uids: dict):
        self.app = app
        self.wsgi = wsgi
        self.portal = portal
        self.page = page
        self.uids = uids
        self.url = page.absolute_url()
        self.anonymous = client(app, wsgi)
        self.editor = self.client("editor")
        self.bearer = client(app, wsgi, "editor", auth="bearer")
        # The editor's browser session (login cookie), without the CSRF token.
        self.session = client(app, wsgi, "editor", auth="cookie")
        self.reader = self.client("reader")

    def client(self, user: str) -> RESTClient:
        """A client of ``user`` with HTTP Basic and their CSRF token."""
        basic = client(self.app, self.wsgi, user)
        basic.headers["X-CSRF-TOKEN"] = basic.csrf_token(self.portal.absolute_url())
        return basic

    def warm_up(self) -> None:
        """Render Plone's pages once: the first rendering of the portlets
        writes to them (Plone's own, once), which would look like a write
        of the request being checked."""
        html = {"Accept": "text/html"}
        for client in (self.anonymous, self.editor):
            client.get(f"{self.url}/@@composite-view", headers=html)
        self.editor.get(f"{self.url}/@@composite-design", headers=html)

    # --- the state that a refusal must leave alone -----------------------------

    def reset(self, data: dict | None = None) -> str:
        """Store ``data`` (an arrangement as ``replace`` takes it; None: an
        empty one) as a Manager, release the lock, and commit.

        :returns: the new version.
        """
        transaction.begin()
        with api.env.adopt_roles(["Manager"]):
            if locking.get_lock(self.page).locked:
                self.page.wl_clearLocks()
        transaction.commit()
        # Emptied first: an id of the last example may come back with another type.
        arrange(self.page, {"slots": {}, "unplaced": []})
        return arrange(self.page, data) if data else self.version()

    def snapshot(self):
        """What a refused request must not change."""
        transaction.begin()
        current = arrangement.get(self.page)
        lock = locking.get_lock(self.page)
        return (
            last_transaction(self.app),
            arrangement.to_data(current),
            current.version,
            [revision.number for revision in history.get_revisions(self.page)],
            (lock.locked, lock.creator),
        )

    def version(self) -> str:
        transaction.begin()
        return arrangement.get(self.page).version

    # --- the properties --------------------------------------------------------

    def check(self, response, before, sent=None) -> bool:
        """The properties of any answer to a request.

        :param before: the :meth:`snapshot` taken before the request.
        :param sent: the JSON document the request sent, to look up the field
            a 400 names (None: not checked).
        :returns: whether the request was accepted (2xx or 3xx).
        """
        assert response.status_int < 500, describe(response)
        if response.status_int < 400:
            return True
        check_refusal(response, sent)
        after = self.snapshot()
        assert after == before, (
            f"refused but {changes(before, after)}: {describe(response)}"
        )
        return False

    def check_unchanged(self, response, before) -> None:
        """The properties of a request that must never change anything (a
        read, or a refusal)."""
        assert response.status_int < 500, describe(response)
        if response.status_int >= 400:
            check_refusal(response)
        after = self.snapshot()
        assert after == before, f"{changes(before, after)} by {describe(response)}"

    def check_accepted(self) -> None:
        """What is stored now is valid, round-trips and renders."""
        self.check_stored()
        self.check_round_trip()
        self.check_renders()

    def check_stored(self) -> None:
        """The stored arrangement validates against its layout and widget types
        (cleaning it again changes nothing), and every setting is JSON with
        finite numbers, text that can be written as UTF-8 and exact UIDs."""
        transaction.begin()
        # Cleaning an html widget's settings needs its permission.
        with api.env.adopt_roles(["Manager"]):
            check_valid(self.page)
        for widget in arrangement.get(self.page).widgets:
            settings = dict(widget.settings)
            check_json(settings, f"{widget.id}.settings")
            for name in ("uid", "collection"):
                if settings.get(name) is not None:
                    assert UID.match(settings[name]), (widget.id, name, settings[name])

    def check_round_trip(self) -> None:
        """``GET @composite``, ``PATCH`` it back: accepted, nothing changes,
        not even the version (an unchanged save writes nothing)."""
        read = self.editor.get(f"{self.url}/@composite")
        assert read.status_int == 200, describe(read)
        sent = read.json
        response = self.editor.patch(f"{self.url}/@composite", json=sent)
        assert response.status_int == 200, describe(response)
        again = self.editor.get(f"{self.url}/@composite").json
        assert again == sent

    def check_renders(self) -> None:
        """Visitors and editors see the page, designers design it; no widget
        fails to render."""
        view = f"{self.url}/@@composite-view"
        html = {"Accept": "text/html"}
        # Visitors are not shown a widget's error (the log is), designers are.
        for client, url in (
            (self.anonymous, view),
            (self.editor, f"{self.url}/@@composite-design"),
        ):
            with widget_errors() as errors:
                response = client.get(url, headers=html)
            assert response.status_int == 200, describe(response)
            assert ERROR_CARD not in response.text, error_card(response.text)
            assert not errors, errors


SNAPSHOT = ("a transaction was committed", "arrangement", "version", "history", "lock")


def changes(before: tuple, after: tuple) -> str:
    """What changed between two :meth:`FuzzSite.snapshot`s."""
    return "changed: " + ", ".join(
        f"{name} ({old!r:.300} -> {new!r:.300})"
        for name, old, new in zip(SNAPSHOT, before, after, strict=True)
        if old != new
    )


def check_json(value, path: str) -> None:
    """``value`` is JSON that every client can read: finite numbers, strings
    that can be written as UTF-8, string keys."""
    if isinstance(value, float):
        assert math.isfinite(value), (path, value)
    elif isinstance(value, str):
        value.encode("utf-8")  # raises for a lone surrogate
    elif isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), (path, key)
            key.encode("utf-8")
            check_json(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_json(item, f"{path}.{index}")
    else:
        assert value is None or isinstance(value, bool | int), (path, value)


def check_refusal(response, sent=None) -> None:
    """A refusal says what is wrong: services answer ``{"error": {"type",
    "message", ...}}``, a 400 naming the ``field``; pages show a message."""
    status = response.status_int
    assert 400 <= status < 500, describe(response)
    if not response.content_type.endswith("json"):
        assert response.text.strip(), describe(response)
        return
    body = response.json
    assert isinstance(body, dict), describe(response)
    if set(body) == {"error_type"}:
        # Plone's error page for a request that accepts neither HTML nor
        # JSON (a path no service answers with that Accept): the type alone.
        assert isinstance(body["error_type"], str), describe(response)
        assert body["error_type"].strip(), describe(response)
        return
    # The composite services nest it under "error"; plone.restapi's own
    # answers (404 for a path it does not know, Zope's 400 for a query string
    # that is not UTF-8) do not, and name no field.
    error = body.get("error", body)
    assert isinstance(error, dict), describe(response)
    assert isinstance(error.get("type"), str), describe(response)
    assert error["type"], describe(response)
    assert isinstance(error.get("message"), str), describe(response)
    assert error["message"].strip(), describe(response)
    if status != 400 or "error" not in body:
        return
    assert isinstance(error.get("field"), str), describe(response)
    if isinstance(sent, dict) and error["field"]:
        assert names_a_place(sent, error["field"].split(".")), (
            f"the field {error['field']!r} is nowhere in what was sent: "
            f"{describe(response)}"
        )


def names_a_place(document, segments: list[str]) -> bool:
    """Whether the dotted ``segments`` lead into ``document``: all but the
    last must exist (the last may name a member that is missing). Keys that
    hold dots match several segments."""
    if len(segments) <= 1:
        return True
    if isinstance(document, Raw) and str(document)[:1] in "[{":
        return True  # nesting sent as JSON text: the field is somewhere inside
    if isinstance(document, dict):
        for key, value in document.items():
            parts = str(key).split(".")
            if segments[: len(parts)] == parts and names_a_place(
                value, segments[len(parts) :]
            ):
                return True
        return False
    if isinstance(document, list):
        head = segments[0]
        return (
            head.isdigit()
            and int(head) < len(document)
            and names_a_place(document[int(head)], segments[1:])
        )
    return False


def describe(response) -> str:
    """The request and the answer, short, for an assertion's message."""
    text = response.body.decode("utf-8", "replace")
    if len(text) > 1500:
        text = text[:1000] + " [...] " + text[-400:]
    environ = response.request.environ
    url = f"{environ['PATH_INFO']}?{environ.get('QUERY_STRING', '')}"
    return f"{response.status} {environ['REQUEST_METHOD']} {url[:300]!r}\n{text}"


def error_card(html: str) -> str:
    start = html.find(ERROR_CARD)
    return html[max(0, start - 200) : start + 800]


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        error = record.exc_info[1] if record.exc_info else None
        reason = f": {type(error).__name__}: {error}" if error is not None else ""
        self.records.append(f"{record.getMessage()}{reason}")


@contextmanager
def widget_errors():
    """Collect the errors logged while rendering widgets (the view hides
    them from visitors, the log does not)."""
    handler = _Collect()
    logger = logging.getLogger("collective.composite")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
