"""The page's JSON tells who may view the page but not design it nothing of
the items its widgets show that they may not see: not even their UIDs, which
Plone's ``resolveuid`` turns into the item's address for anyone."""

from functional_fixtures import arrange
from plone import api

import pytest
import transaction


QUERY = [
    {
        "i": "portal_type",
        "o": "plone.app.querystring.operation.selection.any",
        "v": ["Document"],
    }
]


@pytest.fixture
def published_page(functional_page, target):
    """The published page showing the private ``target`` in a content
    widget and in a listing of it (as if it were a collection)."""
    uid = target.UID()
    arrange(
        functional_page,
        {
            "slots": {
                "main": [
                    {"id": "a", "type": "content", "settings": {"uid": uid}},
                    {
                        "id": "b",
                        "type": "listing",
                        "settings": {"collection": uid, "query": QUERY},
                    },
                ]
            }
        },
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional_page, transition="publish")
    transaction.commit()
    return functional_page


READINGS = {
    "@composite": "/@composite",
    "expand": "?expand=composite",
    "export": "/@composite-export",
}


@pytest.mark.parametrize("path", READINGS.values(), ids=READINGS)
def test_a_visitor_is_not_given_the_uid_of_a_private_item(
    rest_client, published_page, target, path
):
    response = rest_client().get(f"{published_page.absolute_url()}{path}")
    assert response.status_int == 200, response.text
    assert target.UID() not in response.text


def test_a_visitor_gets_the_widget_without_its_hidden_settings(
    rest_client, published_page
):
    data = rest_client().get(f"{published_page.absolute_url()}/@composite").json
    content, listing = data["slots"]["main"]
    assert "uid" not in content["settings"]
    assert content["references"] == {}
    assert "collection" not in listing["settings"]
    assert listing["settings"]["query"] == QUERY


def test_a_designer_still_gets_the_uids(rest_client, published_page, target):
    data = rest_client("editor").get(f"{published_page.absolute_url()}/@composite").json
    content = data["slots"]["main"][0]
    assert content["settings"]["uid"] == target.UID()
    assert content["references"][target.UID()]["title"] == "Target"


def test_a_reader_who_may_see_the_item_gets_its_uid(
    rest_client, published_page, target
):
    data = rest_client("reader").get(f"{published_page.absolute_url()}/@composite").json
    content = data["slots"]["main"][0]
    assert content["settings"]["uid"] == target.UID()
    assert content["references"][target.UID()]["title"] == "Target"
