"""A page's text holds the titles of the items it shows only while everyone
who may view the page may view them too; that stays true when who may view
the page changes afterwards (a workflow transition, its *Sharing*), so
search never finds a page by the words of a private item it shows."""

from DateTime import DateTime
from functional_fixtures import arrange
from plone import api

import pytest
import transaction


def show(page, item) -> None:
    """Arrange ``page`` to show ``item`` in one content widget, and commit."""
    content = {"id": "a", "type": "content", "settings": {"uid": item.UID()}}
    arrange(page, {"slots": {"main": [content]}})


@pytest.fixture
def private_page(functional_page, target):
    """The private page showing the private ``target``, renamed to a word
    found nowhere else, arranged while both are private."""
    target.title = "Zanzibarsecret"
    target.reindexObject()
    transaction.commit()
    show(functional_page, target)
    return functional_page


def found(client, portal, words: str) -> list[str]:
    response = client.get(f"{portal.absolute_url()}/@search?SearchableText={words}")
    assert response.status_int == 200, response.text
    return [item["@id"].rsplit("/", 1)[-1] for item in response.json["items"]]


def test_designers_find_the_private_page_by_the_private_items_title(
    rest_client, functional_portal, private_page
):
    assert "page" in found(rest_client("editor"), functional_portal, "Zanzibarsecret")


def test_once_published_visitors_do_not_find_it_by_the_private_items_title(
    rest_client, functional_portal, private_page
):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(private_page, transition="publish")
    transaction.commit()
    assert found(rest_client(), functional_portal, "Page") == ["page"]
    assert found(rest_client(), functional_portal, "Zanzibarsecret") == []


def test_its_folder_shared_with_a_member_they_do_not_find_it_by_the_items_title(
    rest_client, functional_portal, private_page
):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="folder", title="Folder"
        )
        api.content.move(private_page, folder)
    transaction.commit()
    response = rest_client("manager").request(
        "POST",
        f"{folder.absolute_url()}/@sharing",
        json={"entries": [{"id": "member", "type": "user", "roles": {"Reader": True}}]},
    )
    assert response.status_int == 204, response.text
    member = rest_client("member")
    assert "page" in found(member, functional_portal, "Page")
    assert found(member, functional_portal, "Zanzibarsecret") == []


DATES = {
    "embargoed": ("setEffectiveDate", 1),
    "expired": ("setExpirationDate", -1),
}


@pytest.mark.parametrize(("setter", "days"), DATES.values(), ids=DATES)
def test_visitors_do_not_find_a_page_by_an_item_not_in_effect(
    rest_client, functional_portal, functional_page, target, setter, days
):
    with api.env.adopt_roles(["Manager"]):
        for item in (functional_page, target):
            api.content.transition(item, transition="publish")
        target.title = "Zanzibarsecret"
        getattr(target, setter)(DateTime() + days)
        target.reindexObject()
    transaction.commit()
    show(functional_page, target)
    assert found(rest_client(), functional_portal, "Page") == ["page"]
    assert found(rest_client(), functional_portal, "Zanzibarsecret") == []
