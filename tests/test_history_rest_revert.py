"""plone.restapi's ``PATCH @history`` (revert to a content version) of a
composite page follows the arrangement's rules, as Plone's *Revert to this
revision* does: refused while someone else holds the design lock, and
notifying the event of every save."""

from arrangement_fixtures import modified_events
from collective.composite.arrangement import locking
from functional_fixtures import stored_notes
from plone import api

import pytest
import transaction


def revert(rest_client, page):
    return rest_client("manager").patch(
        f"{page.absolute_url()}/@history", json={"version": page.saved}
    )


def test_a_revert_through_rest_brings_the_arrangement_back_with_the_event(
    rest_client, versioned_notes_page
):
    with modified_events() as received:
        response = revert(rest_client, versioned_notes_page)
    assert response.status_int == 200, response.text
    assert stored_notes(versioned_notes_page) == (["A", "B"], "4")
    assert [(e.old_version, e.new_version) for e in received] == [("3", "4")]


def test_a_revert_through_rest_is_refused_while_someone_else_designs_the_page(
    rest_client, versioned_notes_page
):
    with api.env.adopt_user(username="editor"):
        locking.lock(versioned_notes_page)
    transaction.commit()
    with modified_events() as received:
        response = revert(rest_client, versioned_notes_page)
    assert response.status_int == 409, response.text
    error = response.json["error"]
    assert error["type"] == "Locked"
    assert error["lock"]["creator"]["id"] == "editor"
    assert stored_notes(versioned_notes_page) == (["A later", "B"], "3")
    assert received == []


@pytest.mark.parametrize(
    "body", [{}, {"version": "x"}, {"version": -1}, {"version": 99}]
)
def test_a_revert_to_no_version_of_the_page_is_refused_naming_it(
    rest_client, versioned_notes_page, body
):
    response = rest_client("manager").patch(
        f"{versioned_notes_page.absolute_url()}/@history", json=body
    )
    assert response.status_int == 400, response.text
    assert response.json["error"]["field"] == "version"
    assert stored_notes(versioned_notes_page) == (["A later", "B"], "3")


def test_a_revert_to_the_number_as_digits_is_a_revert(
    rest_client, versioned_notes_page
):
    response = rest_client("manager").patch(
        f"{versioned_notes_page.absolute_url()}/@history",
        json={"version": str(versioned_notes_page.saved)},
    )
    assert response.status_int == 200, response.text
    assert stored_notes(versioned_notes_page) == (["A", "B"], "4")
