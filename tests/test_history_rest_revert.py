"""plone.restapi's ``PATCH @history`` (revert to a content version) of a
composite page follows the arrangement's rules, as Plone's *Revert to this
revision* does: refused while someone else holds the design lock, and
notifying the event of every save."""

from arrangement_fixtures import modified_events
from collective.composite import arrangement
from collective.composite.arrangement import locking
from plone import api
from plone.app.testing import login
from plone.app.testing import TEST_USER_NAME

import pytest
import transaction


@pytest.fixture
def versioned(functional_notes_page, rest_users):
    """The notes A and B saved as a content version (its id as ``saved``),
    then A changed to "A later" (arrangement version 3)."""
    page = functional_notes_page
    api.portal.get_tool("portal_repository").save(page)
    page.saved = page.version_id
    first = arrangement.get(page).widgets[0]
    arrangement.update_widget(page, first.id, {"title": "A later"})
    transaction.commit()
    return page


def stored(page) -> tuple[list[str], str]:
    transaction.begin()
    login(page.aq_parent, TEST_USER_NAME)
    state = arrangement.get(page)
    return [widget.settings["title"] for widget in state.widgets], state.version


def revert(rest_client, page):
    return rest_client("manager").patch(
        f"{page.absolute_url()}/@history", json={"version": page.saved}
    )


def test_a_revert_through_rest_brings_the_arrangement_back_with_the_event(
    rest_client, versioned
):
    with modified_events() as received:
        response = revert(rest_client, versioned)
    assert response.status_int == 200, response.text
    assert stored(versioned) == (["A", "B"], "4")
    assert [(e.old_version, e.new_version) for e in received] == [("3", "4")]


def test_a_revert_through_rest_is_refused_while_someone_else_designs_the_page(
    rest_client, versioned
):
    with api.env.adopt_user(username="editor"):
        locking.lock(versioned)
    transaction.commit()
    with modified_events() as received:
        response = revert(rest_client, versioned)
    assert response.status_int == 409, response.text
    error = response.json["error"]
    assert error["type"] == "Locked"
    assert error["lock"]["creator"]["id"] == "editor"
    assert stored(versioned) == (["A later", "B"], "3")
    assert received == []


@pytest.mark.parametrize(
    "body", [{}, {"version": "x"}, {"version": -1}, {"version": 99}]
)
def test_a_revert_to_no_version_of_the_page_is_refused_naming_it(
    rest_client, versioned, body
):
    response = rest_client("manager").patch(
        f"{versioned.absolute_url()}/@history", json=body
    )
    assert response.status_int == 400, response.text
    assert response.json["error"]["field"] == "version"
    assert stored(versioned) == (["A later", "B"], "3")


def test_a_revert_to_the_number_as_digits_is_a_revert(rest_client, versioned):
    response = rest_client("manager").patch(
        f"{versioned.absolute_url()}/@history", json={"version": str(versioned.saved)}
    )
    assert response.status_int == 200, response.text
    assert stored(versioned) == (["A", "B"], "4")
