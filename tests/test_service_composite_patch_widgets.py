"""PATCH @composite with only what changed: ``widgets`` (settings by id) and
``Prefer: return=minimal`` (RFC 7240)."""

from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement import locking
from collective.composite.services.composite.patch import prefers_minimal
from functional_fixtures import last_transaction
from functional_fixtures import refusal
from functional_fixtures import text_widget
from plone import api
from zope.publisher import browser

import pytest
import transaction


# The page of ``arranged``: ``a``, ``b`` in main, ``c`` in the sidebar, ``u``
# unplaced.
pytestmark = pytest.mark.arrangement(
    {
        "layout": "two-columns",
        "slots": {
            "main": [text_widget("a", "A"), text_widget("b", "B")],
            "sidebar": [text_widget("c", "C")],
        },
        "unplaced": [{**text_widget("u", "U"), "slot": "hero"}],
    }
)


@pytest.fixture
def url(arranged) -> str:
    return f"{arranged.absolute_url()}/@composite"


def texts(page) -> dict:
    """Widget id -> its text, read afresh."""
    transaction.begin()
    return {w.id: w.settings["text"] for w in arrangement.get(page).widgets}


def new_text(body: str) -> dict:
    return {"settings": {"text": f"<p>{body}</p>"}}


def test_widgets_change_only_the_settings_of_the_widgets_named(editor, url, arranged):
    response = editor.patch(url, json={"version": "1", "widgets": {"b": new_text("x")}})
    assert response.status_int == 200
    assert response.json["version"] == "2"
    assert texts(arranged) == {
        "a": "<p>A</p>",
        "b": "<p>x</p>",
        "c": "<p>C</p>",
        "u": "<p>U</p>",
    }


def test_widgets_keep_the_slots_and_the_unplaced(editor, url, arranged):
    editor.patch(url, json={"version": "1", "widgets": {"c": new_text("x")}})
    transaction.begin()
    state = arrangement.get(arranged)
    assert state.layout == "two-columns"
    assert {name: [w.id for w in ws] for name, ws in state.slots.items()} == {
        "main": ["a", "b"],
        "sidebar": ["c"],
    }
    assert [w.id for w in state.unplaced] == ["u"]


def test_widgets_change_an_unplaced_widget(editor, url, arranged):
    editor.patch(url, json={"version": "1", "widgets": {"u": new_text("x")}})
    assert texts(arranged)["u"] == "<p>x</p>"


def test_widgets_change_several_widgets_in_one_revision(editor, url, arranged):
    body = {"version": "1", "widgets": {"a": new_text("x"), "c": new_text("y")}}
    assert editor.patch(url, json=body).json["version"] == "2"
    transaction.begin()
    newest = history.get_revisions(arranged)[0]
    assert (newest.action, newest.summary) == ("update", {"changed": 2})


def test_widgets_settings_are_cleaned_by_the_type(editor, url, arranged):
    body = {"version": "1", "widgets": {"a": new_text("<script>x()</script>ok")}}
    editor.patch(url, json=body)
    assert "script" not in texts(arranged)["a"]


def test_minimal_answer_is_the_id_and_the_new_version(editor, url, arranged):
    response = editor.patch(
        url,
        json={"version": "1", "widgets": {"a": new_text("x")}},
        headers={"Prefer": "return=minimal"},
    )
    assert response.status_int == 200
    assert response.json == {"@id": url, "version": "2"}
    assert response.headers["Preference-Applied"] == "return=minimal"


def test_minimal_answer_to_a_patch_of_the_slots(editor, url, arranged):
    response = editor.patch(
        url,
        json={"version": "1", "slots": {"main": [text_widget("b", "B")]}},
        headers={"Prefer": "return=minimal"},
    )
    assert response.json == {"@id": url, "version": "2"}
    assert set(texts(arranged)) == {"b", "u"}


def test_without_the_preference_the_answer_is_the_whole_resource(editor, url, arranged):
    response = editor.patch(url, json={"version": "1", "widgets": {"a": new_text("x")}})
    assert "Preference-Applied" not in response.headers
    assert response.json["slots"]["main"][0]["settings"] == {"text": "<p>x</p>"}


@pytest.mark.parametrize(
    ("header", "minimal"),
    [
        ("return=minimal", True),
        ('RETURN = "minimal"', True),
        ("respond-async, return=minimal; wait=10", True),
        ("return=representation", False),
        ("return=Minimal", False),
        ("handling=lenient", False),
        ("", False),
    ],
)
def test_prefer_header_is_read_as_rfc_7240_says(header, minimal):
    request = browser.TestRequest(environ={"HTTP_PREFER": header})
    assert prefers_minimal(request) is minimal


def test_widgets_with_a_stale_version_answer_409(editor, url, arranged):
    response = editor.patch(url, json={"version": "0", "widgets": {"a": new_text("x")}})
    assert response.status_int == 409
    assert response.json["error"]["type"] == "StaleVersion"
    assert texts(arranged)["a"] == "<p>A</p>"


# body -> (error type, field)
INVALID = {
    "not a mapping": ([], "InvalidArrangement", "widgets"),
    "empty": ({}, "InvalidArrangement", "widgets"),
    "change not a mapping": ({"a": "x"}, "InvalidArrangement", "widgets.a"),
    "no settings": ({"a": {}}, "InvalidArrangement", "widgets.a.settings"),
    "unknown member": (
        {"a": {**new_text("x"), "type": "text"}},
        "InvalidArrangement",
        "widgets.a.type",
    ),
    "unknown widget": ({"nope": new_text("x")}, "UnknownWidget", "widgets.nope"),
    "settings not a mapping": (
        {"a": {"settings": []}},
        "InvalidArrangement",
        "widgets.a.settings",
    ),
    "unknown setting": (
        {"a": {"settings": {"x": 1}}},
        "InvalidSettings",
        "widgets.a.settings.x",
    ),
}


@pytest.mark.parametrize(("widgets", "type_", "field"), INVALID.values(), ids=INVALID)
def test_invalid_widgets_answer_400_naming_the_field_and_change_nothing(
    editor, url, arranged, functional_app, widgets, type_, field
):
    before = last_transaction(functional_app)
    response = editor.patch(url, json={"version": "1", "widgets": widgets})
    assert refusal(response) == (400, type_, field)
    assert last_transaction(functional_app) == before


@pytest.mark.parametrize("other", ["layout", "slots", "unplaced"])
def test_widgets_come_alone(editor, url, arranged, functional_app, other):
    before = last_transaction(functional_app)
    value = {"layout": "one-column", "slots": {}, "unplaced": []}[other]
    body = {"version": "1", "widgets": {"a": new_text("x")}, other: value}
    response = editor.patch(url, json=body)
    assert response.status_int == 400
    assert response.json["error"]["field"] == "widgets"
    assert last_transaction(functional_app) == before


def test_widgets_of_a_type_the_user_may_not_add_are_refused(
    editor, url, arranged, functional_app
):
    with api.env.adopt_roles(["Manager"]):
        arrangement.add_widget(arranged, "main", "html", {"html": "<p>h</p>"})
    transaction.commit()
    html_id = next(w.id for w in arrangement.get(arranged).widgets if w.type == "html")
    version = arrangement.get(arranged).version
    body = {"version": version, "widgets": {html_id: {"settings": {"html": "<b/>"}}}}
    response = editor.patch(url, json=body)
    assert refusal(response) == (400, "WidgetNotAllowed", f"widgets.{html_id}.type")


def test_widgets_while_someone_else_holds_the_lock_answer_409_locked(
    editor, url, arranged, functional_app, rest_users
):
    transaction.begin()
    with api.env.adopt_user(username="manager"):
        locking.lock(arranged)
    transaction.commit()
    before = last_transaction(functional_app)
    response = editor.patch(url, json={"version": "1", "widgets": {"a": new_text("x")}})
    assert response.status_int == 409
    assert response.json["error"]["type"] == "Locked"
    assert last_transaction(functional_app) == before
