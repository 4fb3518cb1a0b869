"""An HTTP client for the functional tests: requests through the Zope publisher.

Requests go through the whole WSGI publisher (traversal, PAS authentication,
plone.rest content negotiation, transactions) in the test's process, so a
functional layer is enough and no server is started. Requires webtest, which
plone.testing brings.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from json import dumps
from plone import api
from urllib.parse import urlsplit
from urllib.parse import urlunsplit
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from ZPublisher.httpexceptions import HTTPExceptionHandler
from ZPublisher.WSGIPublisher import publish_module

import base64
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
