"""plone.restapi's content ``POST`` and ``PATCH`` on composite pages: an
arrangement in their body (``composite``), or an arrangement's layout as the
page's view (``layout``), is refused naming it, not dropped or taken, and
changes nothing; the arrangement goes through ``PATCH @composite``
(docs/rest.md, "In the content's POST and PATCH")."""

from collective.composite import arrangement
from functional_fixtures import last_transaction
from functional_fixtures import text_widget
from plone import api

import ast
import pytest
import transaction


ARRANGEMENT = {"layout": "two-columns", "slots": {"main": [text_widget("a", "Hi")]}}


@pytest.fixture
def folder(functional_portal, functional_page, rest_users):
    """A folder ``/plone/f`` where ``editor`` may add content, committed."""
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="f", title="F"
        )
        api.user.grant_roles(username="editor", obj=folder, roles=["Contributor"])
    transaction.commit()
    return folder


def field_errors(response) -> list[tuple[str, str]]:
    """:returns: the fields and error types of plone.restapi's 400 refusing
    invalid fields (its message is the list of them, as Python writes it)."""
    assert response.status_int == 400, response.text
    assert response.json["type"] == "BadRequest"
    errors = ast.literal_eval(response.json["message"])
    assert all(error["message"] for error in errors)
    return [(error["field"], error["error"]) for error in errors]


def test_adding_a_page_with_an_arrangement_is_refused_naming_it(
    folder, rest_client, functional_app
):
    before = last_transaction(functional_app)
    response = rest_client("editor", auth="basic").request(
        "POST",
        folder.absolute_url(),
        json={"@type": "Composite Page", "title": "New", "composite": ARRANGEMENT},
    )
    assert field_errors(response) == [("composite", "ValidationError")]
    assert folder.objectIds() == []
    assert last_transaction(functional_app) == before


def test_patching_a_page_with_an_arrangement_is_refused_and_changes_nothing(
    functional_page, rest_client, rest_users
):
    version = arrangement.get(functional_page).version
    response = rest_client("editor", auth="basic").patch(
        functional_page.absolute_url(),
        json={"title": "Changed", "composite": ARRANGEMENT},
    )
    assert field_errors(response) == [("composite", "ValidationError")]
    assert functional_page.Title() == "Page"
    assert arrangement.get(functional_page).version == version


def test_the_site_root_refuses_it_too(functional_portal, rest_client, rest_users):
    title = functional_portal.Title()
    response = rest_client("manager", auth="basic").patch(
        functional_portal.absolute_url(),
        json={"title": "Changed", "composite": ARRANGEMENT},
    )
    assert field_errors(response) == [("composite", "ValidationError")]
    assert functional_portal.Title() == title


def test_what_the_content_get_gives_is_accepted_back(
    functional_page, rest_client, rest_users
):
    """``@components.composite`` is read-only, as plone.restapi's components."""
    client = rest_client("editor", auth="basic")
    read = client.get(f"{functional_page.absolute_url()}?expand=composite").json
    response = client.patch(functional_page.absolute_url(), json={**read, "title": "B"})
    assert response.status_int == 204, response.text
    assert functional_page.Title() == "B"


def test_a_new_page_is_arranged_with_patch_composite_from_version_0(
    folder, rest_client
):
    client = rest_client("editor", auth="basic")
    added = client.request(
        "POST", folder.absolute_url(), json={"@type": "Composite Page", "title": "New"}
    )
    assert added.status_int == 201, added.text
    url = f"{added.json['@id']}/@composite"
    response = client.patch(url, json={"version": "0", **ARRANGEMENT})
    assert response.status_int == 200, response.text
    assert client.get(url).json["slots"]["main"][0]["settings"] == {"text": "<p>Hi</p>"}


def test_a_layout_of_the_arrangement_as_the_pages_view_is_refused(
    functional_page, rest_client, rest_users
):
    view = functional_page.getLayout()
    response = rest_client("editor", auth="basic").patch(
        functional_page.absolute_url(), json={"layout": "two-columns"}
    )
    assert field_errors(response) == [("layout", "ValidationError")]
    assert functional_page.getLayout() == view


def test_a_view_of_the_page_is_still_chosen_with_layout(
    functional_page, rest_client, rest_users
):
    response = rest_client("editor", auth="basic").patch(
        functional_page.absolute_url(), json={"layout": "composite-view"}
    )
    assert response.status_int == 204, response.text
    assert functional_page.getLayout() == "composite-view"
