"""@composite-history over HTTP: list, show, restore (409, 404, 401/403, CSRF)."""

from collective.composite import arrangement
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from functional_fixtures import text_widget
from plone import api

import pytest
import transaction


@pytest.fixture
def revised_page(functional_page):
    """Revision 1: ``a`` in main; revision 2: ``a`` changed, ``b`` added."""
    arrange(functional_page, {"slots": {"main": [text_widget("a", "one")]}})
    arrange(
        functional_page,
        {"slots": {"main": [text_widget("a", "two"), text_widget("b", "B")]}},
    )
    return functional_page


@pytest.fixture
def url(revised_page) -> str:
    return f"{revised_page.absolute_url()}/@composite-history"


def test_listing_gives_the_revisions_newest_first(editor, url):
    response = editor.get(url)
    assert response.status_int == 200
    body = response.json
    assert body["@id"] == url
    assert body["retention"] == 50
    assert [item["number"] for item in body["items"]] == [2, 1]
    newest = body["items"][0]
    assert newest["@id"] == f"{url}/2"
    assert newest["version"] == "2"
    assert newest["action"] == "replace"
    assert newest["user"]["id"] == "test_user_1_"
    assert newest["changes"] == {"added": 1, "changed": 1}
    assert newest["summary"] == "Widgets added: 1; Widgets changed: 1"
    assert newest["time"].endswith("+00:00")


def test_one_revision_gives_the_arrangement_it_left(editor, url):
    response = editor.get(f"{url}/1")
    assert response.status_int == 200
    assert response.json["number"] == 1
    assert response.json["arrangement"] == {
        "layout": "one-column",
        "slots": {"main": [text_widget("a", "one")]},
        "unplaced": [],
    }
    assert response.json["restore"]["@id"] == f"{url}/1/restore"


@pytest.mark.parametrize("number", ["0", "3", "x", "1/2"])
def test_unknown_revision_answers_404(editor, url, number):
    response = editor.get(f"{url}/{number}")
    assert response.status_int == 404
    assert response.json["error"]["type"] == "UnknownRevision"


def test_restore_makes_a_new_revision(editor, url, revised_page):
    response = editor.request("POST", f"{url}/1/restore", json={"version": "2"})
    assert response.status_int == 200
    assert response.json["version"] == "3"
    transaction.begin()
    state = arrangement.get(revised_page)
    assert [w.settings["text"] for w in state.slots["main"]] == ["<p>one</p>"]
    newest = editor.get(url).json["items"][0]
    assert newest["action"] == "restore"
    assert newest["summary"].startswith("Restored revision 1")


def test_restoring_the_revision_the_page_is_at_adds_none(editor, url, functional_app):
    before = last_transaction(functional_app)
    response = editor.request("POST", f"{url}/2/restore", json={"version": "2"})
    assert response.status_int == 200
    assert response.json["version"] == "2"
    assert [item["number"] for item in editor.get(url).json["items"]] == [2, 1]
    assert last_transaction(functional_app) == before


def test_restore_of_a_stale_version_answers_409_and_commits_nothing(
    editor, url, functional_app
):
    before = last_transaction(functional_app)
    response = editor.request("POST", f"{url}/1/restore", json={"version": "1"})
    assert response.status_int == 409
    assert response.json["error"]["version"] == "2"
    assert last_transaction(functional_app) == before


def test_a_refused_restore_names_the_place_in_the_revision(
    editor, url, revised_page, functional_app
):
    embed = {"id": "h", "type": "html", "settings": {"html": "<p>Map</p>"}}
    arrange(revised_page, {"slots": {"main": [text_widget("a", "two"), embed]}})
    arrange(revised_page, {"slots": {"main": [text_widget("a", "two")]}})
    before = last_transaction(functional_app)
    # An Editor may not add HTML widgets; the revision would bring one back.
    response = editor.request("POST", f"{url}/3/restore", json={"version": "4"})
    assert response.status_int == 400
    assert response.json["error"]["field"] == "arrangement.slots.main.1.type"
    assert editor.get(f"{url}/3").json["arrangement"]["slots"]["main"][1] == embed
    assert last_transaction(functional_app) == before


@pytest.mark.parametrize(
    ("body", "field"), [({}, "version"), ({"version": "2", "x": 1}, "x")]
)
def test_restore_with_a_bad_body_answers_400(editor, url, body, field):
    response = editor.request("POST", f"{url}/1/restore", json=body)
    assert response.status_int == 400
    assert response.json["error"]["field"] == field


def test_restore_of_an_unknown_revision_answers_404(editor, url):
    response = editor.request("POST", f"{url}/9/restore", json={"version": "2"})
    assert response.status_int == 404


@pytest.mark.parametrize(("user", "status"), [(None, 401), ("reader", 403)])
def test_history_needs_the_design_permission(rest_client, url, user, status):
    client = rest_client(user)
    assert client.get(url).status_int == status
    assert client.get(f"{url}/1").status_int == status
    response = client.request("POST", f"{url}/1/restore", json={"version": "2"})
    assert response.status_int == status


def test_restore_from_a_browser_session_needs_the_csrf_token(
    rest_client, url, revised_page
):
    client = rest_client("editor", auth="cookie")
    response = client.request("POST", f"{url}/1/restore", json={"version": "2"})
    assert response.status_int == 403
    assert response.json["error"]["type"] == "InvalidCSRFToken"
    token = client.csrf_token(api.portal.get().absolute_url())
    response = client.request(
        "POST",
        f"{url}/1/restore",
        json={"version": "2"},
        headers={"X-CSRF-TOKEN": token},
    )
    assert response.status_int == 200
