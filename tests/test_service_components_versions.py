"""``?expand=composite`` of a content version (plone.restapi's content GET
``?version=n`` and ``@history/n``): the arrangement that version had, not the
page's current one, with the page's current ``version`` to restore it."""

from collective.composite import arrangement
from functional_fixtures import last_transaction

import pytest


@pytest.fixture
def manager(rest_client):
    return rest_client("manager", auth="basic")


def titles(component: dict) -> list[str]:
    return [widget["settings"]["title"] for widget in component["slots"]["main"]]


def test_the_content_get_of_a_version_shows_its_arrangement(
    versioned_notes_page, manager, functional_app
):
    page = versioned_notes_page
    before = last_transaction(functional_app)
    url = f"{page.absolute_url()}?version={page.saved}&expand=composite"
    response = manager.get(url)
    assert response.status_int == 200, response.text
    assert titles(response.json["@components"]["composite"]) == ["A", "B"]
    assert last_transaction(functional_app) == before


def test_the_history_of_a_version_shows_its_arrangement(versioned_notes_page, manager):
    page = versioned_notes_page
    response = manager.get(
        f"{page.absolute_url()}/@history/{page.saved}?expand=composite"
    )
    assert response.status_int == 200, response.text
    assert titles(response.json["@components"]["composite"]) == ["A", "B"]


def test_the_current_content_shows_the_current_arrangement(
    versioned_notes_page, manager
):
    response = manager.get(f"{versioned_notes_page.absolute_url()}?expand=composite")
    assert titles(response.json["@components"]["composite"]) == ["A later", "B"]


def test_sent_back_to_patch_composite_it_becomes_current(versioned_notes_page, manager):
    page = versioned_notes_page
    url = f"{page.absolute_url()}?version={page.saved}&expand=composite"
    component = manager.get(url).json["@components"]["composite"]
    assert component["version"] == arrangement.get(page).version
    response = manager.patch(f"{page.absolute_url()}/@composite", json=component)
    assert response.status_int == 200, response.text
    assert titles(response.json) == ["A", "B"]


def test_a_version_from_before_the_page_was_composite_shows_no_widgets(
    versioned_notes_page, manager
):
    """The notes page was given the composite marker after its version 0,
    which had no arrangement: the version shows none, as a version of a page
    made composite by its type's behavior does (a version keeps the marker
    the page has: see tests/test_versioning_revert_markers.py), with the
    page's current version to restore it."""
    page = versioned_notes_page
    response = manager.get(f"{page.absolute_url()}?version=0&expand=composite")
    assert response.status_int == 200, response.text
    component = response.json["@components"]["composite"]
    assert component["slots"] == {"main": []}
    assert component["version"] == arrangement.get(page).version
