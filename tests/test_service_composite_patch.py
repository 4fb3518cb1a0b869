"""PATCH @composite over HTTP: changes through the one write path, 400 and 409.

The editor authenticates with a Bearer token here, which needs no CSRF token;
authentication, CSRF and the size limit are in test_service_composite_refusals.
"""

from collective.composite import arrangement
from functional_fixtures import last_transaction
from functional_fixtures import refusal
from functional_fixtures import text_widget
from plone import api

import pytest
import transaction


# The page of ``arranged``: ``a``, ``b`` in main, ``c`` in the sidebar.
pytestmark = pytest.mark.arrangement(
    {
        "layout": "two-columns",
        "slots": {
            "main": [text_widget("a"), text_widget("b")],
            "sidebar": [text_widget("c")],
        },
    }
)


@pytest.fixture
def url(arranged) -> str:
    return f"{arranged.absolute_url()}/@composite"


def stored(page) -> dict:
    """The stored arrangement, as ids per slot, read afresh."""
    transaction.begin()
    state = arrangement.get(page)
    return {
        "layout": state.layout,
        "version": state.version,
        "slots": {name: [w.id for w in ws] for name, ws in state.slots.items()},
        "unplaced": [w.id for w in state.unplaced],
    }


def test_replacing_the_slots_answers_200_with_the_new_state(editor, url, arranged):
    response = editor.patch(
        url,
        json={
            "version": "1",
            "slots": {"main": [text_widget("b"), text_widget("a", "new")]},
        },
    )
    assert response.status_int == 200
    assert response.json["version"] == "2"
    assert response.json["@id"] == url
    assert [w["id"] for w in response.json["slots"]["main"]] == ["b", "a"]
    assert response.json["slots"]["main"][1]["settings"] == {"text": "<p>new</p>"}
    assert stored(arranged)["slots"] == {"main": ["b", "a"], "sidebar": []}


def test_new_widget_without_id_gets_one(editor, url, arranged):
    widget = {"type": "text", "settings": {"text": "<p>new</p>"}}
    response = editor.patch(
        url, json={"version": "1", "slots": {"main": [widget], "sidebar": []}}
    )
    new_id = response.json["slots"]["main"][0]["id"]
    assert new_id not in ("a", "b", "c")
    assert stored(arranged)["slots"]["main"] == [new_id]


def test_layout_alone_switches_layout_and_keeps_widgets_unplaced(editor, url, arranged):
    response = editor.patch(url, json={"version": "1", "layout": "one-column"})
    assert response.status_int == 200
    assert response.json["layout"] == "one-column"
    assert [(w["id"], w["slot"]) for w in response.json["unplaced"]] == [
        ("c", "sidebar")
    ]
    assert stored(arranged)["slots"] == {"main": ["a", "b"]}


def test_unplaced_alone_keeps_the_slots(editor, url, arranged):
    editor.patch(url, json={"version": "1", "layout": "one-column"})
    response = editor.patch(url, json={"version": "2", "unplaced": []})
    assert response.status_int == 200
    assert stored(arranged) == {
        "layout": "one-column",
        "version": "3",
        "slots": {"main": ["a", "b"]},
        "unplaced": [],
    }


def test_a_get_response_can_be_sent_back_unchanged(editor, url, arranged):
    read = editor.get(url).json
    read["slots"]["main"].reverse()
    response = editor.patch(url, json=read)
    assert response.status_int == 200
    assert stored(arranged)["slots"]["main"] == ["b", "a"]


def test_sending_back_what_was_read_answers_200_and_writes_nothing(
    editor, url, arranged, functional_app
):
    read = editor.get(url).json
    before = last_transaction(functional_app)
    response = editor.patch(url, json=read)
    assert response.status_int == 200
    assert response.json["version"] == read["version"] == "1"
    assert last_transaction(functional_app) == before
    history = editor.get(f"{arranged.absolute_url()}/@composite-history").json
    assert [revision["number"] for revision in history["items"]] == [1]


def test_stale_version_answers_409_with_the_current_version(
    editor, url, arranged, functional_app
):
    before = last_transaction(functional_app)
    response = editor.patch(url, json={"version": "0", "slots": {"main": []}})
    assert response.status_int == 409
    error = response.json["error"]
    assert error["type"] == "StaleVersion"
    assert error["version"] == "1"
    assert "'0'" in error["message"]
    assert last_transaction(functional_app) == before
    assert stored(arranged)["slots"] == {"main": ["a", "b"], "sidebar": ["c"]}


def test_second_of_two_editors_saving_the_same_version_gets_409(
    rest_client, url, arranged
):
    first = rest_client("editor").patch(url, json={"version": "1", "slots": {}})
    second = rest_client("manager").patch(
        url, json={"version": "1", "slots": {"main": [text_widget("a")]}}
    )
    assert (first.status_int, second.status_int) == (200, 409)
    assert stored(arranged)["slots"] == {"main": [], "sidebar": []}


# body -> (error type, field)
INVALID = {
    "not JSON": (b"{nope", "DeserializationError", ""),
    "a JSON array": (b"[]", "DeserializationError", ""),
    "empty": (b"", "DeserializationError", ""),
    "NaN": (
        b'{"version": "1", "slots": {"main": NaN}}',
        "DeserializationError",
        "slots.main",
    ),
    "no version": ({"slots": {}}, "InvalidArrangement", "version"),
    "number version": ({"version": 1, "slots": {}}, "InvalidArrangement", "version"),
    "nothing to change": ({"version": "1"}, "InvalidArrangement", ""),
    "unknown member": (
        {"version": "1", "slots": {}, "colour": "red"},
        "InvalidArrangement",
        "colour",
    ),
    "unknown layout": ({"version": "1", "layout": "nope"}, "UnknownLayout", "layout"),
    "slots not a mapping": (
        {"version": "1", "slots": []},
        "InvalidArrangement",
        "slots",
    ),
    "unknown slot": (
        {"version": "1", "slots": {"nope": []}},
        "UnknownSlot",
        "slots.nope",
    ),
    "widget not a mapping": (
        {"version": "1", "slots": {"main": ["a"]}},
        "InvalidArrangement",
        "slots.main.0",
    ),
    "unknown widget type": (
        {"version": "1", "slots": {"main": [{"type": "nope"}]}},
        "UnknownWidgetType",
        "slots.main.0.type",
    ),
    "unknown setting": (
        {"version": "1", "slots": {"main": [{"type": "text", "settings": {"x": 1}}]}},
        "InvalidSettings",
        "slots.main.0.settings.x",
    ),
    "slot full": (
        {
            "version": "1",
            "layout": "landing",
            "slots": {"hero": [text_widget("a"), text_widget("b")]},
        },
        "SlotFull",
        "slots.hero",
    ),
    "widget listed twice": (
        {"version": "1", "slots": {"main": [text_widget("a"), text_widget("a")]}},
        "InvalidArrangement",
        "slots.main.1.id",
    ),
    "widget type the user may not add": (
        {"version": "1", "slots": {"main": [{"type": "html"}]}},
        "WidgetNotAllowed",
        "slots.main.0.type",
    ),
}


@pytest.mark.parametrize(("body", "type_", "field"), INVALID.values(), ids=INVALID)
def test_invalid_input_answers_400_naming_the_field_and_changes_nothing(
    editor, url, arranged, functional_app, body, type_, field
):
    before = last_transaction(functional_app)
    if isinstance(body, bytes):
        response = editor.patch(url, body=body)
    else:
        response = editor.patch(url, json=body)
    assert response.content_type == "application/json"
    assert refusal(response) == (400, type_, field)
    assert last_transaction(functional_app) == before
    assert stored(arranged) == {
        "layout": "two-columns",
        "version": "1",
        "slots": {"main": ["a", "b"], "sidebar": ["c"]},
        "unplaced": [],
    }


def test_too_deeply_nested_json_answers_400(editor, url, arranged):
    # With exactly "application/json", plone.restapi's JWT plugin parses the
    # body during authentication, before the service, and fails with a
    # RecursionError (a 500) on such a body; the service itself refuses it.
    response = editor.patch(
        url,
        body=b"[" * 100000 + b"]" * 100000,
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_int == 400
    assert response.json["error"]["type"] == "DeserializationError"
    assert stored(arranged)["version"] == "1"


@pytest.fixture
def composite_type_item(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=functional_portal, type="Composite Page", id="cp", title="CP"
        )
    transaction.commit()
    return item


@pytest.mark.parametrize("name", ["functional_portal", "composite_type_item"])
def test_site_root_and_composite_page_type_are_served(editor, request, name):
    url = f"{request.getfixturevalue(name).absolute_url()}/@composite"
    assert editor.get(url).json["version"] == "0"
    response = editor.patch(url, json={"version": "0", "layout": "landing"})
    assert response.status_int == 200
    assert editor.get(url).json["layout"] == "landing"
