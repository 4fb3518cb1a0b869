"""Preview: the real rendering of an arrangement that is not saved, storing
nothing (``arrangement.preview`` and ``@@composite-preview``)."""

from AccessControl import Unauthorized
from collective.composite import arrangement
from collective.composite.arrangement.storage import find
from collective.composite.exceptions import SlotFull
from collective.composite.exceptions import UnknownSlot
from collective.composite.services.testing import arrange
from collective.composite.services.testing import last_transaction
from lxml import html as lxml_html
from plone import api
from urllib.parse import urlencode

import json
import pytest
import transaction


pytest_plugins = ["collective.composite.services.testing"]

FORM = {"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"}
WIDGETS = {
    "main": [
        {"id": "a", "type": "text", "settings": {"text": "<p>Alpha</p>"}},
        {"id": "b", "type": "text", "settings": {"text": "<p>Beta</p>"}},
    ],
    "sidebar": [],
}


@pytest.fixture
def arranged(composite_page):
    arrange(composite_page, {"layout": "two-columns", "slots": WIDGETS})
    return composite_page


@pytest.fixture
def url(composite_page) -> str:
    return f"{composite_page.absolute_url()}/@@composite-preview"


def unsaved(**changes) -> dict:
    """The editor's body: Beta moved to the sidebar, plus ``changes``."""
    return {
        "version": "1",
        "layout": "two-columns",
        "slots": {"main": [WIDGETS["main"][0]], "sidebar": [WIDGETS["main"][1]]},
        "unplaced": [],
        **changes,
    }


def post(client, url, data, token=True):
    fields = {"arrangement": json.dumps(data)}
    if token:
        fields["_authenticator"] = client.csrf_token(url.rsplit("/page/", 1)[0])
    return client.request("POST", url, body=urlencode(fields).encode(), headers=FORM)


def slot_ids(response, name: str) -> list[str]:
    document = lxml_html.fromstring(response.text)
    return [
        w.get("data-widget-id")
        for w in document.cssselect(f".composite-slot-{name} [data-widget-id]")
    ]


def test_preview_builds_the_arrangement_without_storing_it(composite_page):
    with api.env.adopt_roles(["Manager"]):
        state = arrangement.preview(
            composite_page,
            {
                "layout": "two-columns",
                "slots": {
                    "sidebar": [
                        {
                            "type": "text",
                            "settings": {"text": "<p>Hi</p><script>x</script>"},
                        }
                    ]
                },
            },
        )
    assert state.layout == "two-columns"
    assert state.version == "0"
    assert state.slots["main"] == ()
    (widget,) = state.slots["sidebar"]
    assert (widget.type, widget.slot, widget.settings["text"]) == (
        "text",
        "sidebar",
        "<p>Hi</p>",
    )
    assert widget.id
    assert find(composite_page) is None


def test_preview_refuses_what_a_save_refuses(composite_page):
    with api.env.adopt_roles(["Manager"]), pytest.raises(UnknownSlot) as error:
        arrangement.preview(composite_page, {"slots": {"nowhere": []}})
    assert error.value.field == "slots.nowhere"
    with api.env.adopt_roles(["Manager"]), pytest.raises(SlotFull):
        arrangement.preview(
            composite_page,
            {
                "layout": "landing",
                "slots": {"hero": [{"type": "text"}, {"type": "text"}]},
            },
        )


def test_preview_needs_the_design_permission(composite_page):
    with api.env.adopt_roles(["Reader"]), pytest.raises(Unauthorized):
        arrangement.preview(composite_page, {"slots": {}})


def test_preview_view_renders_the_posted_arrangement(rest_client, url, arranged):
    response = post(rest_client("editor", auth="basic"), url, unsaved())
    assert response.status_int == 200
    assert slot_ids(response, "main") == ["a"]
    assert slot_ids(response, "sidebar") == ["b"]
    assert "Nothing is saved yet" in response.text


def test_preview_view_stores_nothing(rest_client, url, arranged, functional_app):
    client = rest_client("editor", auth="basic")
    token = client.csrf_token(url.rsplit("/page/", 1)[0])
    client.get(arranged.absolute_url(), headers={"Accept": "text/html"})
    before = last_transaction(functional_app)
    body = urlencode({"arrangement": json.dumps(unsaved()), "_authenticator": token})
    response = client.request("POST", url, body=body.encode(), headers=FORM)
    assert response.status_int == 200
    assert last_transaction(functional_app) == before
    transaction.begin()
    assert [w.id for w in arrangement.get(arranged).slots["main"]] == ["a", "b"]


def test_preview_view_explains_an_invalid_arrangement(rest_client, url, arranged):
    data = unsaved(slots={"nowhere": []})
    response = post(rest_client("editor", auth="basic"), url, data)
    assert response.status_int == 400
    assert "has no slot 'nowhere'" in response.text


def test_preview_view_refuses_malformed_json(rest_client, url, arranged):
    client = rest_client("editor", auth="basic")
    token = client.csrf_token(url.rsplit("/page/", 1)[0])
    body = urlencode({"arrangement": "{not json", "_authenticator": token})
    response = client.request("POST", url, body=body.encode(), headers=FORM)
    assert response.status_int == 400
    assert "must be a JSON object" in response.text


def test_preview_view_needs_the_csrf_token(rest_client, url, arranged):
    response = post(rest_client("editor", auth="basic"), url, unsaved(), token=False)
    assert response.status_int == 403


def test_preview_view_needs_the_design_permission(rest_client, url, arranged):
    response = post(rest_client("reader", auth="basic"), url, unsaved())
    assert response.status_int == 403


def test_preview_view_takes_posts_only(rest_client, url, arranged):
    response = rest_client("editor", auth="basic").get(
        url, headers={"Accept": "text/html"}
    )
    assert response.status_int == 405
