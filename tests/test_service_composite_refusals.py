"""PATCH @composite refusals before any change: permission (401/403), CSRF
token of a browser session (403) and payload size (413). Each refused request
commits nothing."""

from collective.composite import arrangement
from collective.composite.json_body import MAX_PAYLOAD_RECORD
from collective.composite.json_body import read_json_object
from collective.composite.refusals import Refusal
from functional_fixtures import last_transaction
from io import BytesIO
from plone import api
from ZPublisher.HTTPRequest import HTTPRequest
from ZPublisher.HTTPResponse import HTTPResponse

import json
import pytest
import transaction


CHANGE = {"version": "0", "layout": "two-columns"}


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@composite"


@pytest.fixture
def refused(functional_app, functional_page, url):
    """Send a PATCH that must be refused; assert nothing was committed.

    :returns: a function (client, **request arguments) -> the response.
    """

    def patch(client, **kwargs):
        kwargs.setdefault("json", CHANGE)
        before = last_transaction(functional_app)
        response = client.patch(url, **kwargs)
        assert last_transaction(functional_app) == before
        transaction.begin()
        assert arrangement.get(functional_page).version == "0"
        return response

    return patch


def csrf_token(client) -> str:
    return client.csrf_token(api.portal.get().absolute_url())


class TestPermission:
    def test_anonymous_gets_401(self, rest_client, refused):
        response = refused(rest_client())
        assert response.status_int == 401
        assert response.json["error"]["type"] == "Unauthorized"

    @pytest.mark.parametrize("user", ["member", "reader"])
    def test_user_without_design_permission_gets_403(self, rest_client, refused, user):
        response = refused(rest_client(user))
        assert response.status_int == 403
        assert response.json["error"] == {
            "type": "Forbidden",
            "message": (
                "You lack the permission "
                "'collective.composite: Design composite pages' here."
            ),
            "permission": "collective.composite: Design composite pages",
        }

    @pytest.mark.parametrize("user", ["editor", "manager"])
    def test_user_with_design_permission_may_change(self, rest_client, url, user):
        response = rest_client(user).patch(url, json=CHANGE)
        assert response.status_int == 200
        assert response.json["layout"] == "two-columns"


class TestCSRF:
    def test_cookie_session_without_token_gets_403(self, rest_client, refused):
        response = refused(rest_client("editor", auth="cookie"))
        assert response.status_int == 403
        error = response.json["error"]
        assert error["type"] == "InvalidCSRFToken"
        assert "X-CSRF-TOKEN" in error["message"]

    def test_cookie_session_with_a_wrong_token_gets_403(self, rest_client, refused):
        client = rest_client("editor", auth="cookie")
        response = refused(client, headers={"X-CSRF-TOKEN": "0" * 40})
        assert response.status_int == 403

    def test_cookie_session_with_another_users_token_gets_403(
        self, rest_client, refused
    ):
        token = csrf_token(rest_client("manager", auth="cookie"))
        client = rest_client("editor", auth="cookie")
        response = refused(client, headers={"X-CSRF-TOKEN": token})
        assert response.status_int == 403

    @pytest.mark.parametrize("auth", ["cookie", "basic"])
    def test_cookie_session_or_basic_authentication_with_its_token_may_change(
        self, rest_client, url, auth
    ):
        client = rest_client("editor", auth=auth)
        token = csrf_token(client)
        response = client.patch(url, json=CHANGE, headers={"X-CSRF-TOKEN": token})
        assert response.status_int == 200

    def test_basic_authentication_needs_no_csrf_token(self, rest_client, url):
        # As plone.restapi's: a JSON write cannot come from another site's form.
        response = rest_client("editor", auth="basic").patch(url, json=CHANGE)
        assert response.status_int == 200

    def test_basic_authentication_beside_a_session_cookie_needs_the_csrf_token(
        self, rest_client, refused
    ):
        # Browsers send remembered Basic credentials on their own, as cookies.
        client = rest_client("editor", auth="basic")
        cookie = rest_client("editor", auth="cookie").headers["Cookie"]
        response = refused(client, headers={"Cookie": cookie})
        assert response.status_int == 403
        assert response.json["error"]["type"] == "InvalidCSRFToken"

    def test_the_users_bearer_token_beside_its_session_cookie_needs_no_csrf_token(
        self, rest_client, url
    ):
        # As a script keeping the cookie @login sets sends it.
        client = rest_client("editor", auth="bearer")
        cookie = rest_client("editor", auth="cookie").headers["Cookie"]
        response = client.patch(url, json=CHANGE, headers={"Cookie": cookie})
        assert response.status_int == 200

    def test_a_forged_bearer_token_beside_a_session_cookie_needs_the_csrf_token(
        self, rest_client, refused
    ):
        client = rest_client("editor", auth="cookie")
        headers = {"Authorization": "Bearer not.a.token"}
        response = refused(client, headers=headers)
        assert response.status_int == 403
        assert response.json["error"]["type"] == "InvalidCSRFToken"

    def test_permission_is_checked_before_the_token(self, rest_client, refused):
        response = refused(rest_client("member", auth="cookie"))
        assert response.status_int == 403
        assert response.json["error"]["type"] == "Forbidden"


class TestPayloadLimit:
    @pytest.fixture
    def limit(self, functional_page) -> int:
        """A limit of 128 KiB (the least a site may set is 64 KiB)."""
        api.portal.set_registry_record(MAX_PAYLOAD_RECORD, 131072)
        transaction.commit()
        return 131072

    def test_default_limit_is_one_megabyte(self, functional_page):
        assert api.portal.get_registry_record(MAX_PAYLOAD_RECORD) == 1024 * 1024

    def test_body_over_the_default_limit_gets_413(self, rest_client, refused):
        body = json.dumps({**CHANGE, "padding": "x" * 1024 * 1024}).encode()
        response = refused(rest_client("editor"), json=None, body=body)
        assert response.status_int == 413
        assert response.json["error"]["limit"] == 1024 * 1024

    def test_body_over_the_configured_limit_gets_413(self, rest_client, refused, limit):
        body = json.dumps({**CHANGE, "padding": "x" * limit}).encode()
        response = refused(rest_client("editor"), json=None, body=body)
        assert response.status_int == 413
        assert response.json["error"] == {
            "type": "PayloadTooLarge",
            "message": "The request body is larger than 131,072 bytes.",
            "limit": 131072,
        }

    def test_body_within_the_configured_limit_is_read(self, rest_client, url, limit):
        response = rest_client("editor").patch(url, json=CHANGE)
        assert response.status_int == 200

    @staticmethod
    def request_without_length(body: bytes) -> HTTPRequest:
        environ = {
            "REQUEST_METHOD": "PATCH",
            "CONTENT_TYPE": "application/json",
            "SERVER_NAME": "nohost",
            "SERVER_PORT": "80",
        }
        request = HTTPRequest(BytesIO(body), environ, HTTPResponse())
        request.processInputs()
        return request

    def test_body_without_content_length_is_measured(self):
        request = self.request_without_length(b'{"version": "1234567890"}')
        with pytest.raises(Refusal) as refusal:
            read_json_object(request, 10)
        assert refusal.value.status == 413

    def test_body_without_content_length_within_limit_is_read(self):
        request = self.request_without_length(b'{"version": "1"}')
        assert read_json_object(request, 100) == {"version": "1"}
