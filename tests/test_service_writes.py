"""Writes as plone.restapi takes them: HTTP Basic and Bearer (JWT) need no CSRF
token, a browser session does, and every ``POST``/``PATCH`` refuses a body that
is not JSON with 415 (the one write another site's form could send), changing
nothing. Each service's permission is declared in its ZCML."""

from collective.composite import arrangement
from collective.composite.arrangement import locking
from collective.composite.services.base import CompositeService
from collective.composite.services.base import declared_permission
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from functional_fixtures import PASSWORD
from functional_fixtures import text_widget
from zope.component import getGlobalSiteManager

import pytest
import transaction


CHANGE = {"version": "2", "layout": "one-column"}
DESIGN = "collective.composite: Design composite pages"

# name -> (method, path after the page's URL, a JSON body it would take).
WRITES = {
    "composite PATCH": ("PATCH", "/@composite", CHANGE),
    "history restore": ("POST", "/@composite-history/1/restore", {"version": "2"}),
    "import": (
        "POST",
        "/@composite-import",
        {"version": "2", "arrangement": {"slots": {"main": []}}},
    ),
    "lock POST": ("POST", "/@composite-lock", {"takeover": True}),
    "cards": (
        "POST",
        "/@composite-cards",
        {"arrangement": {"slots": {"main": [text_widget("a")]}}, "ids": ["a"]},
    ),
    "preview": ("POST", "/@composite-preview", {"arrangement": {"slots": {}}}),
}

# What another site's HTML form can send without a CORS preflight.
FORMS = {
    "urlencoded": ("application/x-www-form-urlencoded", b"version=2&layout=x"),
    "multipart": (
        "multipart/form-data; boundary=b",
        b'--b\r\nContent-Disposition: form-data; name="version"\r\n\r\n2\r\n--b--\r\n',
    ),
    "text/plain": ("text/plain", b'{"version": "2", "layout": "one-column"}'),
}


@pytest.fixture
def revised_page(functional_page):
    """The page with two revisions (version "2"), a text in ``main``."""
    arrange(functional_page, {"slots": {"main": []}})
    arrange(functional_page, {"slots": {"main": [text_widget("a", "Alpha")]}})
    return functional_page


@pytest.fixture
def url(revised_page) -> str:
    return f"{revised_page.absolute_url()}/@composite"


@pytest.fixture
def unchanged(functional_app, revised_page):
    """Send a request that must change nothing; assert it did not.

    :returns: a function (client, method, url, **request arguments) -> the
        response.
    """

    def send(client, method, url, **kwargs):
        before = last_transaction(functional_app)
        response = client.request(method, url, **kwargs)
        assert last_transaction(functional_app) == before
        transaction.begin()
        assert arrangement.get(revised_page).version == "2"
        assert not locking.get_lock(revised_page).locked
        return response

    return send


class TestScripts:
    def test_basic_authentication_changes_without_a_csrf_token(
        self, rest_client, url, revised_page
    ):
        response = rest_client("editor", auth="basic").patch(url, json=CHANGE)
        assert response.status_int == 200
        assert response.json["layout"] == "one-column"
        transaction.begin()
        assert arrangement.get(revised_page).layout == "one-column"

    def test_a_token_from_login_changes_without_a_csrf_token(
        self, rest_client, url, revised_page
    ):
        # The client keeps the login cookie @login sets too, as scripts' do.
        client = rest_client()
        login = client.request(
            "POST",
            f"{revised_page.aq_parent.absolute_url()}/@login",
            json={"login": "editor", "password": PASSWORD},
        )
        assert login.status_int == 200
        headers = {"Authorization": f"Bearer {login.json['token']}"}
        response = client.patch(url, json=CHANGE, headers=headers)
        assert response.status_int == 200
        transaction.begin()
        assert arrangement.get(revised_page).layout == "one-column"

    def test_a_browser_session_without_the_csrf_token_changes_nothing(
        self, rest_client, url, unchanged
    ):
        client = rest_client("editor", auth="cookie")
        response = unchanged(client, "PATCH", url, json=CHANGE)
        assert response.status_int == 403
        assert response.json["error"]["type"] == "InvalidCSRFToken"


class TestMediaType:
    @pytest.mark.parametrize("auth", ["basic", "cookie"])
    @pytest.mark.parametrize("form", FORMS)
    @pytest.mark.parametrize("name", WRITES)
    def test_a_form_gets_415_and_changes_nothing(
        self, rest_client, revised_page, unchanged, name, form, auth
    ):
        method, path, _ = WRITES[name]
        content_type, body = FORMS[form]
        response = unchanged(
            rest_client("editor", auth=auth),
            method,
            revised_page.absolute_url() + path,
            body=body,
            headers={"Content-Type": content_type},
        )
        assert response.status_int == 415
        assert response.json["error"] == {
            "type": "UnsupportedMediaType",
            "message": (
                "Send the body as JSON, with the header "
                "'Content-Type: application/json'."
            ),
            "header": "Content-Type",
        }

    @pytest.mark.parametrize("name", WRITES)
    def test_a_json_body_without_content_type_gets_415(
        self, rest_client, revised_page, unchanged, name
    ):
        method, path, body = WRITES[name]
        response = unchanged(
            rest_client("editor", auth="basic"),
            method,
            revised_page.absolute_url() + path,
            json=body,
            headers={"Content-Type": None},
        )
        assert response.status_int == 415

    @pytest.mark.parametrize("name", WRITES)
    def test_json_with_a_charset_is_json(self, rest_client, revised_page, name):
        method, path, body = WRITES[name]
        response = rest_client("editor", auth="basic").request(
            method,
            revised_page.absolute_url() + path,
            json=body,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        assert response.status_int == 200

    def test_the_lock_is_taken_without_any_body(self, rest_client, revised_page):
        response = rest_client("editor", auth="basic").request(
            "POST", f"{revised_page.absolute_url()}/@composite-lock"
        )
        assert response.status_int == 200
        assert response.json["locked"] is True

    def test_an_empty_form_cannot_take_the_lock(
        self, rest_client, revised_page, unchanged
    ):
        response = unchanged(
            rest_client("editor", auth="basic"),
            "POST",
            f"{revised_page.absolute_url()}/@composite-lock",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status_int == 415

    def test_permission_is_checked_before_the_media_type(
        self, rest_client, url, unchanged
    ):
        response = unchanged(
            rest_client("reader", auth="basic"),
            "PATCH",
            url,
            body=b"layout=x",
            headers={"Content-Type": "text/plain"},
        )
        assert response.status_int == 403
        assert response.json["error"]["permission"] == DESIGN


# (method, name) -> the permission the service's ZCML declares.
PERMISSIONS = {
    ("GET", "@composite"): "View",
    ("PATCH", "@composite"): DESIGN,
    ("GET", "@composite-layouts"): "View",
    ("GET", "@composite-export"): "View",
    ("POST", "@composite-import"): DESIGN,
    ("GET", "@composite-history"): DESIGN,
    ("POST", "@composite-history"): DESIGN,
    ("GET", "@composite-lock"): DESIGN,
    ("POST", "@composite-lock"): DESIGN,
    ("DELETE", "@composite-lock"): DESIGN,
    ("POST", "@composite-cards"): DESIGN,
    ("POST", "@composite-preview"): DESIGN,
    # plone.restapi's revert of a composite page, with the lock's rules: a
    # revert of content, CMFEditions' permission, as Plone's own form has it.
    ("PATCH", "@history"): "CMFEditions: Revert to previous versions",
}


def test_each_service_declares_its_permission_in_zcml():
    declared = {}
    for registration in getGlobalSiteManager().registeredAdapters():
        factory = registration.factory
        if isinstance(factory, type) and issubclass(factory, CompositeService):
            method = registration.name.split("_", 1)[0]
            declared[method, registration.name.rsplit("_", 1)[1]] = declared_permission(
                factory
            )
    assert declared == PERMISSIONS
