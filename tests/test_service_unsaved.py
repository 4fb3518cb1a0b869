"""What ``POST @composite-cards`` and ``POST @composite-preview`` share: both
take an arrangement not saved yet as a save would, answer JSON, store nothing
and refuse alike (see ``services/unsaved.py``)."""

from collective.composite import arrangement
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from functional_fixtures import text_widget

import pytest
import transaction


WIDGETS = {"main": [text_widget("a", "Alpha")], "sidebar": []}
UNSAVED = {
    "version": "1",
    "layout": "two-columns",
    "slots": {"main": WIDGETS["main"], "sidebar": [text_widget("b", "Beta")]},
    "unplaced": [],
}
# Each service's own members besides the arrangement, and the member of its answer.
SERVICES = {
    "@composite-cards": ({"ids": ["a"]}, "cards"),
    "@composite-preview": ({}, "html"),
}


@pytest.fixture(params=SERVICES)
def service(request) -> str:
    return request.param


@pytest.fixture
def arranged(functional_page):
    arrange(functional_page, {"layout": "two-columns", "slots": WIDGETS})
    return functional_page


@pytest.fixture
def url(functional_page, service) -> str:
    return f"{functional_page.absolute_url()}/{service}"


@pytest.fixture
def client(rest_client):
    """The editor as a script sends requests: Basic auth."""
    return rest_client("editor", auth="basic")


def post(client, url, service, data=UNSAVED, token=True, **extra):
    members, _ = SERVICES[service]
    headers = {"X-CSRF-TOKEN": token_of(client, url)} if token else {}
    body = {"arrangement": data, **members, **extra}
    return client.request("POST", url, json=body, headers=headers)


def token_of(client, url: str) -> str:
    return client.csrf_token(url.rsplit("/page/", 1)[0])


def test_answers_json_never_cached(client, url, service, arranged):
    response = post(client, url, service)
    assert response.status_int == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["Cache-Control"] == "no-store"
    assert SERVICES[service][1] in response.json


def test_stores_nothing(client, url, service, arranged, functional_app):
    token = token_of(client, url)
    client.get(arranged.absolute_url(), headers={"Accept": "text/html"})
    before = last_transaction(functional_app)
    response = client.request(
        "POST",
        url,
        json={"arrangement": UNSAVED, **SERVICES[service][0]},
        headers={"X-CSRF-TOKEN": token},
    )
    assert response.status_int == 200
    assert last_transaction(functional_app) == before
    transaction.begin()
    assert [w.id for w in arrangement.get(arranged).widgets] == ["a"]


def test_refuses_what_a_save_refuses(client, url, service, arranged):
    data = {**UNSAVED, "slots": {**UNSAVED["slots"], "nowhere": []}}
    response = post(client, url, service, data)
    assert response.status_int == 400
    error = response.json["error"]
    assert error["type"] == "UnknownSlot"
    assert error["field"] == "arrangement.slots.nowhere"
    assert "has no slot 'nowhere'" in error["message"]


@pytest.mark.parametrize("data", ["{not json", None, ["main"]])
def test_refuses_an_arrangement_that_is_no_object(client, url, service, arranged, data):
    response = post(client, url, service, data)
    assert response.status_int == 400
    assert response.json["error"]["field"] == "arrangement"
    assert "must be a JSON object" in response.json["error"]["message"]


def test_refuses_a_body_that_is_not_json(client, url, service, arranged):
    response = client.request(
        "POST",
        url,
        body=b'{"arrangement": {not json',
        headers={"X-CSRF-TOKEN": token_of(client, url)},
    )
    assert response.status_int == 400
    assert response.json["error"]["type"] == "DeserializationError"
    assert response.json["error"]["message"] == "The request body is not valid JSON."


def test_refuses_a_form_post(client, url, service, arranged):
    response = client.request(
        "POST",
        url,
        body=b"arrangement=%7B%7D&ids=%5B%5D",
        headers={
            "X-CSRF-TOKEN": token_of(client, url),
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert response.status_int == 415
    assert response.json["error"]["type"] == "UnsupportedMediaType"
    assert response.json["error"]["header"] == "Content-Type"


def test_refuses_an_unknown_member(client, url, service, arranged):
    response = post(client, url, service, extra=1)
    assert response.status_int == 400
    assert response.json["error"]["field"] == "extra"


def test_from_a_browser_session_needs_the_csrf_token(
    rest_client, url, service, arranged
):
    cookie_client = rest_client("editor", auth="cookie")
    response = post(cookie_client, url, service, token=False)
    assert response.status_int == 403
    assert response.json["error"]["type"] == "InvalidCSRFToken"


def test_needs_the_design_permission(rest_client, url, service, arranged):
    response = post(rest_client("reader", auth="basic"), url, service)
    assert response.status_int == 403


def test_asks_anonymous_users_to_log_in(rest_client, url, service, arranged):
    body = {"arrangement": UNSAVED, **SERVICES[service][0]}
    response = rest_client().request("POST", url, json=body)
    assert response.status_int == 401


def test_takes_posts_only(client, url, service, arranged):
    response = client.get(url, headers={"Accept": "application/json"})
    assert response.status_int == 404
    assert response.json["type"] == "NotFound"
    assert SERVICES[service][1] not in response.json
