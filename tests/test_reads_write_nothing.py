"""Every read endpoint and view of the add-on writes nothing, in every state
a page may be in: no commit, no object so much as changed in the request's
transaction (what plone.protect would abort is a write too), and no 5xx.

Each endpoint the component registry lists (the enumeration of
tests/test_fuzz_coverage.py) is a read of :data:`READS` or is named in
:data:`NOT_READS` with the reason; a new endpoint fails here until it is
one or the other. Each read is requested anonymously, as an Editor and as a
Manager (the site's settings are theirs), on a page that is published:

- ``fresh``: never arranged;
- ``expired``: its design lock expired (plone.locking deletes expired locks
  when it reads them: a write, see
  :mod:`collective.composite.arrangement.locking`);
- ``locked``: another user designing it;
- ``checked_out``: a plone.app.iterate working copy's lock on it;
- ``unplaced``: widgets in a slot its layout lacks;
- ``unregistered``: a widget whose type is no longer registered.

See also tests/test_view_no_writes.py and
tests/test_storage_no_write_on_read.py.
"""

from Acquisition import aq_base
from arrangement_fixtures import fake_components
from collections.abc import Iterator
from collective.composite import arrangement
from collective.composite.arrangement import locking
from contextlib import contextmanager
from functional_fixtures import last_transaction
from functional_fixtures import text_widget
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.testing import applyProfile
from test_fuzz_coverage import endpoints
from test_storage_no_write_on_read import expire_lock
from unittest import mock
from ZODB.Connection import Connection

import pytest
import transaction


HTML = {"Accept": "text/html"}
ARRANGEMENT = {"layout": "two-columns", "slots": {"main": [text_widget("w1", "x")]}}

#: Read endpoint -> its path from the page, or from the site with a leading
#: "/". A ``POST`` sends its body of :data:`BODIES`; a ``@@`` view is asked
#: for HTML, the others for JSON.
READS: dict[str, str] = {
    "GET @composite": "@composite",
    "?expand=composite": "?expand=composite",
    "GET @composite-lock": "@composite-lock",
    "GET @composite-history": "@composite-history",
    "GET @composite-layouts": "@composite-layouts",
    "GET @composite-export": "@composite-export",
    # Design mode's reads of an unsaved arrangement: POSTs that write nothing.
    "POST @composite-cards": "@composite-cards",
    "POST @composite-preview": "@composite-preview",
    "@controlpanels/composite": "/@controlpanels/composite",
    "@@composite-view": "@@composite-view",
    "@@composite-design": "@@composite-design",
    "@@composite-other-languages": "@@composite-other-languages",
    "@@composite-layout-preview": "@@composite-layout-preview/two-columns",
    "@@composite-layout-gallery": "/@@composite-layout-gallery",
    "@@composite-widget-settings": (
        "@@composite-widget-settings?composite.type=text&composite.id=w1"
    ),
    "@@composite-controlpanel": "/@@composite-controlpanel",
    "@vocabularies/collective.composite.Layouts": (
        "@vocabularies/collective.composite.Layouts"
    ),
    "@vocabularies/collective.composite.ComposableTypes": (
        "/@vocabularies/collective.composite.ComposableTypes"
    ),
    "@vocabularies/collective.composite.ImageScales": (
        "@vocabularies/collective.composite.ImageScales"
    ),
}
BODIES = {
    "POST @composite-cards": {"arrangement": ARRANGEMENT, "ids": ["w1"]},
    "POST @composite-preview": {"arrangement": ARRANGEMENT},
}

#: Why Plone itself (upstream) writes when the pages of some reads are
#: requested with an expired lock: plone.locking's ``lock_info()`` deletes
#: expired locks (the page's ``_dav_writelocks``), and reading them is all
#: these do.
_TOOLBAR = (
    "Plone's toolbar asks plone.locking whether the page is locked for the "
    "user (its Edit action's condition), for users who may edit it"
)
#: (read, state) -> why the read may change the page's ``_dav_writelocks``
#: then (see :func:`upstream_writes`); nothing else is allowed.
UPSTREAM: dict[tuple[str, str], str] = {
    ("?expand=composite", "expired"): "plone.restapi's content GET tells the lock",
    ("@@composite-view", "expired"): _TOOLBAR,
    ("@@composite-design", "expired"): _TOOLBAR,
    ("POST @composite-preview", "expired"): _TOOLBAR + " (the preview is the page)",
}

#: The other endpoints, and why they are no reads here.
NOT_READS: dict[str, str] = {
    "PATCH @composite": "a write",
    "POST @composite-import": "a write",
    "POST @composite-history": "a write (a restore)",
    "POST @composite-lock": "a write (takes the lock)",
    "DELETE @composite-lock": "a write (releases the lock)",
    "PATCH @history": "a write (a revert)",
    "@@revertversion": "a write (a revert)",
    "@@index.html for Unauthorized": "answers the refusals of the reads here",
    "@@index.html for ConflictError": "answers a request that lost to conflicts",
    "++plone++collective.composite.editor": "static files, no ZODB",
    "++plone++collective.composite.layouts": "static files, no ZODB",
    "++plone++collective.composite.gallery": "static files, no ZODB",
}

STATES = ("fresh", "expired", "locked", "checked_out", "unplaced", "unregistered")
USERS = (None, "editor", "manager")


def test_every_endpoint_is_a_read_here_or_said_why_not(portal):
    found = set(endpoints())
    assert found - set(READS) - set(NOT_READS) == set()
    assert set(READS) | set(NOT_READS) <= found


@contextmanager
def changed_objects(db) -> Iterator[list]:
    """The persistent objects of ``db`` changed meanwhile, whether their
    transaction would be committed or aborted (as plone.protect aborts a write
    on a read). Their transaction is doomed: the publisher aborts it, so the
    next read finds the page in the same state."""
    changed = []
    register = Connection.register

    def recording(self, obj):
        if self.db() is db:
            changed.append(obj)
            transaction.get().doom()
        return register(self, obj)

    with mock.patch.object(Connection, "register", recording):
        yield changed


def prepare(page, portal, state: str) -> None:
    """Put the published ``page`` in ``state`` (see the module's docstring),
    as a Manager."""
    with api.env.adopt_roles(["Manager"]):
        if state == "expired":
            locking.lock(page)
            expire_lock(page)
        elif state == "locked":
            with api.env.adopt_user(username="manager"):
                locking.lock(page)
        elif state == "checked_out":
            applyProfile(portal, "plone.app.iterate:default")
            with api.env.adopt_user(username="manager"):
                ICheckinCheckoutPolicy(page).checkout(portal)
        elif state == "unplaced":
            arrangement.save(page, ARRANGEMENT, arrangement.get(page).version)
            arrangement.add_widget(page, "sidebar", "text", {"text": "<p>Side</p>"})
            arrangement.set_layout(page, "one-column")
        elif state == "unregistered":
            with fake_components():
                arrangement.add_widget(page, "main", "note", {"title": "Gone"})
            arrangement.add_widget(page, "main", "text", {"text": "<p>Kept</p>"})


@pytest.fixture(params=STATES)
def state_page(request, functional_portal, functional_page, rest_users):
    """The published ``/plone/page`` in each of :data:`STATES`, committed.

    :returns: the page and its state.
    """
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="publish")
    prepare(functional_page, functional_portal, request.param)
    transaction.commit()
    return functional_page, request.param


def upstream_writes(page, key: str, state: str) -> set:
    """:returns: the oids of the objects of ``page`` Plone itself changes
    when ``key`` is read in ``state`` (see :data:`UPSTREAM`)."""
    if (key, state) not in UPSTREAM:
        return set()
    return {aq_base(page)._dav_writelocks._p_oid}


def address(portal_url: str, page_url: str, path: str) -> str:
    """:returns: the URL of ``path``, a path of :data:`READS`."""
    if path.startswith("/"):
        return portal_url + path
    return page_url + path if path.startswith("?") else f"{page_url}/{path}"


@pytest.mark.parametrize("user", USERS, ids=["anonymous", "editor", "manager"])
def test_no_read_writes(
    state_page, functional_portal, functional_app, rest_client, user
):
    page, state = state_page
    client = rest_client(user)
    portal_url = functional_portal.absolute_url()
    client.request("GET", portal_url, headers=HTML)  # Plone's first view
    found = []
    for key, path in READS.items():
        url = address(portal_url, page.absolute_url(), path)
        method = "POST" if key in BODIES else "GET"
        headers = HTML if key.startswith("@@") else None
        before = last_transaction(functional_app)
        with changed_objects(functional_app._p_jar.db()) as changed:
            response = client.request(
                method, url, json=BODIES.get(key), headers=headers
            )
        if response.status_int >= 500:
            found.append(f"{key}: {response.status}")
        ours = {obj._p_oid for obj in changed} - upstream_writes(page, key, state)
        if ours or last_transaction(functional_app) != before:
            found.append(f"{key} wrote {[type(obj).__name__ for obj in changed]}")
    assert not found, "\n".join(found)
