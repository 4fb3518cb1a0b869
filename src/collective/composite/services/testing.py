"""An HTTP client for testing the services through the Zope publisher.

Requests go through the whole WSGI publisher (traversal, PAS authentication,
plone.rest content negotiation, transactions) in the test's process, so a
functional layer is enough and no server is started. Requires webtest, which
plone.testing brings.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from collective.composite import arrangement
from collective.composite.interfaces import ICompositeEnabled
from json import dumps
from plone import api
from urllib.parse import urlsplit
from urllib.parse import urlunsplit
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.interface import alsoProvides
from ZPublisher.httpexceptions import HTTPExceptionHandler
from ZPublisher.WSGIPublisher import publish_module

import base64
import pytest
import transaction
import webtest


AUTHENTICATIONS = ("basic", "bearer", "cookie")


class RESTClient:
    """Send JSON requests to a site as one user.

    :param app: the Zope application root of the layer.
    :param user: a login name; None for an anonymous client.
    :param password: the password, for ``basic``.
    :param auth: how the user authenticates: ``basic`` (HTTP Basic),
        ``bearer`` (a JWT from plone.restapi) or ``cookie`` (the login cookie
        of plone.session, as a browser sends it).
    """

    def __init__(self, app, user: str | None = None, password: str = "", auth="basic"):
        if auth not in AUTHENTICATIONS:
            raise ValueError(f"auth must be one of {AUTHENTICATIONS}")
        # Without lint, wsgi.input is seekable, as WSGI servers give it.
        self.testapp = webtest.TestApp(PublisherApp(app), lint=False)
        self.headers = {"Accept": "application/json"}
        if user is None:
            return
        if auth == "basic":
            credentials = base64.b64encode(f"{user}:{password}".encode()).decode()
            self.headers["Authorization"] = f"Basic {credentials}"
        elif auth == "bearer":
            plugin = api.portal.get_tool("acl_users")["jwt_auth"]
            self.headers["Authorization"] = f"Bearer {plugin.create_token(user)}"
        elif auth == "cookie":
            session = api.portal.get_tool("acl_users")["session"]
            cookie = _CookieJar()
            session._setupSession(user, cookie)
            self.headers["Cookie"] = cookie.header

    def request(
        self,
        method: str,
        url: str,
        json=None,
        body: bytes | None = None,
        headers: dict | None = None,
    ) -> webtest.TestResponse:
        """Send a request; errors are returned, not raised.

        :param url: an absolute URL, as ``absolute_url()`` gives it in the
            test: its host is sent as ``Host``, so the response's URLs match.
        :param json: a value sent as the JSON body.
        :param body: raw bytes sent as the body (instead of ``json``).
        :param headers: more headers; a value of None removes a default header.
        """
        if json is not None:
            body = dumps(json).encode()
        parts = urlsplit(url)
        all_headers = {"Host": parts.netloc, **self.headers, **(headers or {})}
        if body is not None:
            all_headers.setdefault("Content-Type", "application/json")
        all_headers = {k: v for k, v in all_headers.items() if v is not None}
        return self.testapp.request(
            urlunsplit(("", "", parts.path, parts.query, "")),
            method=method,
            body=body or b"",
            headers=all_headers,
            expect_errors=True,
        )

    def get(self, url: str, **kwargs) -> webtest.TestResponse:
        return self.request("GET", url, **kwargs)

    def patch(self, url: str, **kwargs) -> webtest.TestResponse:
        return self.request("PATCH", url, **kwargs)

    def csrf_token(self, url: str) -> str:
        """Ask the site for this user's CSRF token, as a script would.

        :param url: the site's URL.
        """
        response = self.request(
            "GET", f"{url}/@@authenticator/token", headers={"Accept": None}
        )
        assert response.status_int == 200, response
        return response.text


class PublisherApp:
    """The Zope publisher as a WSGI application, keeping the test's state."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        security_manager, site = getSecurityManager(), getSite()
        try:
            return HTTPExceptionHandler(publish_module)(environ, start_response)
        finally:
            setSecurityManager(security_manager)
            setSite(site)
            # See what the request committed.
            self.app._p_jar.sync()


class _CookieJar:
    """A stand-in response that keeps the login cookie plone.session sets."""

    header: str

    def setCookie(self, name: str, value, **options):
        if isinstance(value, bytes):
            value = value.decode()
        self.header = f'{name}="{value}"'


# pytest fixtures: use them with ``pytest_plugins = [__name__ of this module]``.

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


def composite_document(container, id_: str, title: str = ""):
    """A composite-enabled Document, created with the Manager role (the current
    user's own roles stay as they are); not committed."""
    with api.env.adopt_roles(["Manager"]):
        document = api.content.create(
            container=container, type="Document", id=id_, title=title
        )
    alsoProvides(document, ICompositeEnabled)
    return document


@pytest.fixture
def composite_page(functional_portal):
    """A private, composite-enabled page ``/plone/page``, committed.

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
def target(functional_portal, composite_page):
    """A private page ``/plone/target`` that widgets refer to, committed."""
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=functional_portal, type="Document", id="target", title="Target"
        )
    transaction.commit()
    return item


@pytest.fixture
def rest_client(functional_app, rest_users):
    """A factory of :class:`RESTClient`: ``rest_client("editor", auth="cookie")``;
    ``rest_client()`` is anonymous."""

    def client(user: str | None = None, auth: str = "bearer") -> RESTClient:
        return RESTClient(functional_app, user, PASSWORD, auth)

    return client


@pytest.fixture
def editor(rest_client) -> RESTClient:
    """The ``editor`` user's client, with a Bearer token (no CSRF token needed)."""
    return rest_client("editor")


def text_widget(widget_id: str, body: str = "") -> dict:
    """A ``text`` widget saying ``<p>body</p>``, as :func:`arrange` and
    ``PATCH @composite`` take it."""
    return {"id": widget_id, "type": "text", "settings": {"text": f"<p>{body}</p>"}}


def arrange(page, data: dict) -> str:
    """Replace the arrangement of ``page`` as a Manager, and commit.

    :returns: the new version.
    """
    with api.env.adopt_roles(["Manager"]):
        version = arrangement.replace(page, data, arrangement.get(page).version)
    transaction.commit()
    return version


def last_transaction(app) -> bytes:
    """:returns: the id of the database's last committed transaction."""
    return app._p_jar.db().lastTransaction()
