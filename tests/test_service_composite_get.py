"""GET @composite over HTTP: the arrangement as JSON, and who may read it."""

from collective.composite import arrangement
from collective.composite.arrangement.storage import find
from functional_fixtures import arrange
from plone import api

import pytest
import transaction


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@composite"


def test_never_arranged_page_has_default_layout_and_version_0(rest_client, url):
    response = rest_client("editor").get(url)
    assert response.status_int == 200
    assert response.json == {
        "@id": url,
        "layout": "one-column",
        "version": "0",
        "slots": {"main": []},
        "unplaced": [],
        "layouts": {"@id": url.replace("@composite", "@composite-layouts")},
    }


def test_reading_never_creates_the_arrangement(rest_client, url, functional_page):
    rest_client("editor").get(url)
    transaction.begin()
    assert find(functional_page) is None


def test_widgets_are_listed_per_slot_in_order(rest_client, url, functional_page):
    arrange(
        functional_page,
        {
            "layout": "two-columns",
            "slots": {
                "main": [
                    {"id": "a", "type": "text", "settings": {"text": "<p>A</p>"}},
                    {"id": "b", "type": "text", "settings": {"text": "<p>B</p>"}},
                ],
                "sidebar": [{"id": "c", "type": "text", "settings": {}}],
            },
        },
    )
    data = rest_client("editor").get(url).json
    assert data["layout"] == "two-columns"
    assert data["version"] == "1"
    assert [w["id"] for w in data["slots"]["main"]] == ["a", "b"]
    assert data["slots"]["main"][0] == {
        "id": "a",
        "type": "text",
        "settings": {"text": "<p>A</p>"},
        "references": {},
    }
    assert [w["id"] for w in data["slots"]["sidebar"]] == ["c"]


def test_referenced_item_is_given_with_its_url(
    rest_client, url, functional_page, target
):
    uid = api.content.get_uuid(target)
    arrange(
        functional_page,
        {"slots": {"main": [{"id": "a", "type": "content", "settings": {"uid": uid}}]}},
    )
    widget = rest_client("editor").get(url).json["slots"]["main"][0]
    assert widget["references"] == {
        uid: {"@id": target.absolute_url(), "title": "Target", "@type": "Document"}
    }


def test_deleted_referenced_item_is_null(rest_client, url, functional_page, target):
    uid = api.content.get_uuid(target)
    arrange(
        functional_page,
        {"slots": {"main": [{"id": "a", "type": "content", "settings": {"uid": uid}}]}},
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(target, check_linkintegrity=False)
    transaction.commit()
    widget = rest_client("editor").get(url).json["slots"]["main"][0]
    assert widget["settings"]["uid"] == uid
    assert widget["references"] == {uid: None}


def test_item_the_user_may_not_see_is_left_out(
    rest_client, url, functional_page, target
):
    uid = api.content.get_uuid(target)
    arrange(
        functional_page,
        {"slots": {"main": [{"id": "a", "type": "content", "settings": {"uid": uid}}]}},
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="publish")
    transaction.commit()
    widget = rest_client().get(url).json["slots"]["main"][0]
    # Not even its UID: resolveuid gives anyone the address of any item.
    assert widget["references"] == {}
    assert "uid" not in widget["settings"]


def test_unplaced_widget_keeps_its_slot(rest_client, url, functional_page):
    arrange(
        functional_page,
        {
            "layout": "two-columns",
            "slots": {"main": [], "sidebar": [{"id": "c", "type": "text"}]},
        },
    )
    with api.env.adopt_roles(["Manager"]):
        arrangement.set_layout(functional_page, "one-column")
    transaction.commit()
    data = rest_client("editor").get(url).json
    assert data["slots"] == {"main": []}
    assert [(w["id"], w["slot"]) for w in data["unplaced"]] == [("c", "sidebar")]


@pytest.mark.parametrize("auth", ["basic", "bearer", "cookie"])
def test_editor_reads_with_any_authentication(rest_client, url, auth):
    assert rest_client("editor", auth=auth).get(url).status_int == 200


def test_reader_may_read(rest_client, url):
    assert rest_client("reader").get(url).status_int == 200


def test_anonymous_gets_401_on_a_private_page(rest_client, url):
    response = rest_client().get(url)
    assert response.status_int == 401
    assert response.json["error"]["type"] == "Unauthorized"


def test_member_without_view_gets_403(rest_client, url):
    response = rest_client("member").get(url)
    assert response.status_int == 403
    assert response.json["error"] == {
        "type": "Forbidden",
        "message": "You lack the permission 'View' here.",
        "permission": "View",
    }


def test_anonymous_reads_a_published_page(rest_client, url, functional_page):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="publish")
    transaction.commit()
    assert rest_client().get(url).status_int == 200


def test_content_that_is_not_composite_has_no_service(
    rest_client, functional_portal, target
):
    response = rest_client("manager").get(f"{target.absolute_url()}/@composite")
    assert response.status_int == 404
