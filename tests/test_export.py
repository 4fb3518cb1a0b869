"""@composite-export and @composite-import: an arrangement as JSON, to another
page or site; items missing there show as "missing item" cards."""

from collective.composite import arrangement
from collective.composite.arrangement import history
from design_markup import design_document
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from page_fixtures import composite_document
from plone import api

import pytest
import transaction


GONE_UID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def gone_item_page(functional_page):
    """Two columns: the text ``hello`` and ``gone``, a content widget whose item
    is gone, in main (version "1")."""
    arrange(
        functional_page,
        {
            "layout": "two-columns",
            "slots": {
                "main": [
                    {"id": "hello", "type": "text", "settings": {"text": "<p>Hi</p>"}},
                    {
                        "id": "gone",
                        "type": "content",
                        "settings": {"uid": GONE_UID, "display": "title"},
                    },
                ],
                "sidebar": [],
            },
        },
    )
    return functional_page


@pytest.fixture
def other(functional_portal):
    other = composite_document(functional_portal, "other", "Other")
    transaction.commit()
    return other


def exported(editor, page) -> dict:
    response = editor.get(f"{page.absolute_url()}/@composite-export")
    assert response.status_int == 200
    return response.json


def test_export_gives_the_arrangement_as_replace_takes_it(editor, gone_item_page):
    response = editor.get(f"{gone_item_page.absolute_url()}/@composite-export")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="page-arrangement.json"'
    )
    document = response.json
    assert document["format"] == "collective.composite.arrangement/1"
    assert document["source"]["@id"] == gone_item_page.absolute_url()
    assert document["layout"] == "two-columns"
    assert [w["id"] for w in document["slots"]["main"]] == ["hello", "gone"]
    assert document["slots"]["main"][0]["settings"] == {"text": "<p>Hi</p>"}
    assert document["unplaced"] == []


def test_import_into_another_page_copies_the_arrangement(editor, gone_item_page, other):
    response = editor.request(
        "POST",
        f"{other.absolute_url()}/@composite-import",
        json={"version": "0", "arrangement": exported(editor, gone_item_page)},
    )
    assert response.status_int == 200
    assert response.json["version"] == "1"
    transaction.begin()
    state = arrangement.get(other)
    assert state.layout == "two-columns"
    assert [w.id for w in state.slots["main"]] == ["hello", "gone"]
    assert history.get_revisions(other)[0].action == "import"


def test_import_keeps_missing_items_and_design_mode_shows_missing_cards(
    editor, gone_item_page, other, rest_client
):
    document = exported(editor, gone_item_page)
    editor.request(
        "POST",
        f"{other.absolute_url()}/@composite-import",
        json={"version": "0", "arrangement": document},
    )
    manager = rest_client("manager", auth="basic")
    response = manager.get(
        f"{other.absolute_url()}/@@composite-design", headers={"Accept": "text/html"}
    )
    assert response.status_int == 200
    cards = design_document(response.text).cssselect("[data-widget-id=gone]")
    assert cards[0].cssselect(".composite-card--missing")


def test_import_replaces_everything_including_unplaced(editor, gone_item_page, other):
    arrange(other, {"layout": "one-column", "slots": {"main": []}})
    arrangement_ = {"layout": "one-column", "slots": {"main": []}, "unplaced": []}
    with api.env.adopt_roles(["Manager"]):
        arrangement.add_widget(other, "main", "text", {"text": "<p>x</p>"})
        arrangement.set_layout(other, "landing")
    transaction.commit()
    response = editor.request(
        "POST",
        f"{other.absolute_url()}/@composite-import",
        json={"version": "3", "arrangement": arrangement_},
    )
    assert response.status_int == 200
    transaction.begin()
    assert arrangement.get(other).widgets == ()


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"version": "1"}, 400, "arrangement"),
        (
            {"version": "1", "arrangement": {"layout": "one-column"}},
            400,
            "arrangement.slots",
        ),
        (
            {"version": "1", "arrangement": {"format": "x/2", "slots": {}}},
            400,
            "arrangement.format",
        ),
        (
            {"version": "1", "arrangement": {"slots": {"nope": []}}},
            400,
            "arrangement.slots.nope",
        ),
        ({"version": "1", "arrangement": {"slots": {}, "x": 1}}, 400, "arrangement.x"),
        ({"arrangement": {"slots": {}}}, 400, "version"),
        ({"version": "0", "arrangement": {"slots": {}}}, 409, None),
    ],
)
def test_bad_imports_are_refused_and_change_nothing(
    editor, gone_item_page, functional_app, body, status, field
):
    before = last_transaction(functional_app)
    response = editor.request(
        "POST", f"{gone_item_page.absolute_url()}/@composite-import", json=body
    )
    assert response.status_int == status
    if field is not None:
        assert response.json["error"]["field"] == field
    assert last_transaction(functional_app) == before


@pytest.mark.parametrize(("user", "status"), [(None, 401), ("reader", 403)])
def test_import_needs_the_design_permission(rest_client, gone_item_page, user, status):
    response = rest_client(user).request(
        "POST",
        f"{gone_item_page.absolute_url()}/@composite-import",
        json={"version": "1", "arrangement": {"slots": {}}},
    )
    assert response.status_int == status


def test_export_needs_view(rest_client, gone_item_page):
    url = f"{gone_item_page.absolute_url()}/@composite-export"
    assert rest_client().get(url).status_int == 401
    assert rest_client("member").get(url).status_int == 403
