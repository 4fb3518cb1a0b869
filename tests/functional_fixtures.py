"""Fixtures and helpers of the FUNCTIONAL_TESTING layer: users, committed
composite pages and REST clients that go through the Zope publisher.

tests/conftest.py loads this module as a plugin, so every test may ask for its
fixtures; tests import the helpers (:func:`arrange`, :func:`text_widget`,
:func:`last_transaction`, :func:`post_with_csrf_token`, :func:`post_form`,
:func:`stored_notes`, :func:`refusal`).
"""

from arrangement_fixtures import make_page
from collective.composite import arrangement
from collective.composite.arrangement import locking
from page_fixtures import composite_document
from plone import api
from plone.app.testing import login
from plone.app.testing import TEST_USER_NAME
from rest_client import RESTClient
from urllib.parse import urlencode

import pytest
import transaction


PASSWORD = "a password nobody guesses"

# User name -> site-wide roles, for the services' tests.
USERS = {
    "manager": ["Manager"],
    "editor": ["Editor"],
    "reader": ["Reader"],
    "member": ["Member"],
}


@pytest.fixture
def rest_users(functional_portal) -> dict[str, list[str]]:
    """Create :data:`USERS` (password :data:`PASSWORD`) and commit."""
    users = functional_portal.acl_users
    for name, roles in USERS.items():
        users.userFolderAddUser(name, PASSWORD, roles, [])
    transaction.commit()
    return USERS


@pytest.fixture
def functional_page(functional_portal):
    """A private, composite-enabled Document ``/plone/page``, committed.

    Pages created afterwards in the test are private too (Plone's test fixture
    has no workflow; this gives pages the simple publication workflow).
    """
    api.portal.get_tool("portal_workflow").setChainForPortalTypes(
        ["Document"], ["simple_publication_workflow"]
    )
    page = composite_document(functional_portal, "page", "Page")
    page.reindexObject()
    transaction.commit()
    return page


@pytest.fixture
def locked_by_manager(functional_page, rest_users):
    """:func:`functional_page`, its design lock held by ``manager`` (full name
    Mona Manager), committed."""
    api.user.get(username="manager").setMemberProperties({"fullname": "Mona Manager"})
    with api.env.adopt_user(username="manager"):
        locking.lock(functional_page)
    transaction.commit()
    return functional_page


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "arrangement(data): the arrangement the fixture ``arranged`` saves",
    )


@pytest.fixture
def arranged(request, functional_page):
    """:func:`functional_page` with the arrangement its test is marked with
    saved (version "1"), committed: in a module of such tests, ``pytestmark =
    pytest.mark.arrangement({"layout": "two-columns", "slots": SLOTS})``."""
    marker = request.node.get_closest_marker("arrangement")
    if marker is None:
        pytest.fail("the arranged fixture needs an arrangement mark on its test")
    (data,) = marker.args
    arrange(functional_page, data)
    return functional_page


@pytest.fixture
def two_columns_page(functional_page):
    """:func:`functional_page` in the ``two-columns`` layout, with no widgets
    (version "1"), committed."""
    arrange(functional_page, {"layout": "two-columns", "slots": {}})
    return functional_page


@pytest.fixture
def functional_notes_page(functional_portal, fake_types):
    """A composite-enabled Document ``/plone/page`` with the notes A and B in
    ``main``, committed; the test user is logged in as Manager."""
    login(functional_portal, TEST_USER_NAME)
    page = make_page(functional_portal)
    for title in "AB":
        arrangement.add_widget(page, "main", "note", {"title": title})
    transaction.commit()
    return page


@pytest.fixture
def versioned_notes_page(functional_notes_page):
    """:func:`functional_notes_page` saved as a content version (its id on
    the page as ``saved``), then A changed to "A later" (arrangement version
    3), committed."""
    page = functional_notes_page
    api.portal.get_tool("portal_repository").save(page)
    page.saved = page.version_id
    first = arrangement.get(page).widgets[0]
    arrangement.update_widget(page, first.id, {"title": "A later"})
    transaction.commit()
    return page


def stored_notes(page) -> tuple[list[str], str]:
    """The titles of the notes on ``page`` and its arrangement's version, as
    committed (read as the test user)."""
    transaction.begin()
    login(page.aq_parent, TEST_USER_NAME)
    state = arrangement.get(page)
    return [widget.settings["title"] for widget in state.widgets], state.version


@pytest.fixture
def target(functional_portal, functional_page):
    """A private page ``/plone/target`` that widgets refer to, committed."""
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=functional_portal, type="Document", id="target", title="Target"
        )
    transaction.commit()
    return item


@pytest.fixture
def rest_client(functional_app, rest_users):
    """A factory of :class:`rest_client.RESTClient`:
    ``rest_client("editor", auth="cookie")``; ``rest_client()`` is anonymous."""

    def client(user: str | None = None, auth: str = "bearer") -> RESTClient:
        return RESTClient(functional_app, user, PASSWORD, auth)

    return client


@pytest.fixture
def editor(rest_client) -> RESTClient:
    """The ``editor`` user's client, with a Bearer token (no CSRF token needed)."""
    return rest_client("editor")


@pytest.fixture
def design_client(rest_client) -> RESTClient:
    """The ``editor`` user's client as design mode sends requests: Basic auth,
    and the CSRF token with each POST (see :func:`post_with_csrf_token`)."""
    return rest_client("editor", auth="basic")


def post_with_csrf_token(client: RESTClient, url: str, body: dict):
    """POST ``body`` as JSON with the user's CSRF token, as design mode does.

    :param url: the URL of a service of ``/plone/page``.
    :returns: the response.
    """
    token = client.csrf_token(url.rsplit("/page/", 1)[0])
    return client.request("POST", url, json=body, headers={"X-CSRF-TOKEN": token})


def post_settings_dialog(client: RESTClient, page, settings: str):
    """POST a text widget's settings to the page's settings dialog, as
    design mode's dialog does (a form, with the CSRF token).

    :param page: the page of ``/plone/page``.
    :param settings: the widget's settings, as JSON text.
    :returns: the response (the dialog's HTML).
    """
    url = page.absolute_url()
    fields = {
        "composite.type": "text",
        "composite.id": "a",
        "composite.settings": settings,
    }
    return post_form(
        client, f"{url}/@@composite-widget-settings", fields, url.rsplit("/page", 1)[0]
    )


def post_form(client: RESTClient, url: str, fields: dict, site_url: str):
    """POST an HTML form as a browser does (URL-encoded, asking for HTML),
    with the user's CSRF token.

    :param url: where the form is sent.
    :param fields: the form's fields, name to value (the token is added).
    :param site_url: the site's URL, where the token is asked for.
    :returns: the response.
    """
    fields = {**fields, "_authenticator": client.csrf_token(site_url)}
    return client.request(
        "POST",
        url,
        body=urlencode(fields).encode(),
        headers={
            "Accept": "text/html",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )


def text_widget(widget_id: str, body: str = "") -> dict:
    """A ``text`` widget saying ``<p>body</p>``, as :func:`arrange` and
    ``PATCH @composite`` take it."""
    return {"id": widget_id, "type": "text", "settings": {"text": f"<p>{body}</p>"}}


def arrange(page, data: dict) -> str:
    """Replace the arrangement of ``page`` as a Manager, and commit.

    :returns: the new version.
    """
    with api.env.adopt_roles(["Manager"]):
        version = arrangement.save(page, data, arrangement.get(page).version)
    transaction.commit()
    return version


@pytest.fixture
def speaking(functional_portal):
    """Make the site speak ``language`` (request negotiation off)."""

    def speak(language: str) -> None:
        api.portal.set_registry_record("plone.available_languages", [language])
        api.portal.set_registry_record("plone.default_language", language)
        transaction.commit()

    return speak


def refusal(response) -> tuple[int, str, str]:
    """What a service's refusal says, and that it says why.

    :returns: the status, the error's type and the field it names.
    """
    error = response.json["error"]
    assert error["message"]
    return response.status_int, error["type"], error["field"]


def last_transaction(app) -> bytes:
    """:returns: the id of the database's last committed transaction."""
    return app._p_jar.db().lastTransaction()
