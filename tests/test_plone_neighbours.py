"""A composite page among Plone's own tools, through the published site: cut
and paste or rename the page, dates and workflow states of the items it
shows, and design rights given on the Sharing tab of a folder."""

from collective.composite import arrangement
from DateTime import DateTime
from functional_fixtures import arrange
from functional_fixtures import PASSWORD
from page_fixtures import as_manager
from page_fixtures import make_image
from plone import api

import pytest
import transaction


@pytest.fixture
def site(functional_portal, rest_users):
    """The site with Plone's simple publication workflow, as the Manager."""
    as_manager(functional_portal)
    api.portal.get_tool("portal_workflow").setChainForPortalTypes(
        ("Document", "Image", "Folder", "Composite Page"),
        "simple_publication_workflow",
    )
    return functional_portal


@pytest.fixture
def folder(site):
    """A published folder ``/plone/section``, committed."""
    folder = api.content.create(container=site, type="Folder", id="section")
    api.content.transition(folder, "publish")
    transaction.commit()
    return folder


@pytest.fixture
def items(site):
    """A published Document and a published Image, committed."""
    document = api.content.create(
        container=site, type="Document", id="item", title="Manuscripts"
    )
    image = make_image(site, "picture", "Reading desk")
    for item in (document, image):
        api.content.transition(item, "publish")
    transaction.commit()
    return document, image


@pytest.fixture
def page(folder, items):
    """A published Composite Page in the folder showing ``items`` in a content
    and an image widget, committed."""
    page = api.content.create(
        container=folder, type="Composite Page", id="page", title="Reading room"
    )
    api.content.transition(page, "publish")
    document, image = items
    arrange(
        page,
        {
            "slots": {
                "main": [
                    {
                        "id": "doc",
                        "type": "content",
                        "settings": {"uid": document.UID()},
                    },
                    {"id": "pic", "type": "image", "settings": {"uid": image.UID()}},
                ]
            }
        },
    )
    return page


def shown(client, page) -> set[str]:
    """The ids of the widgets the visitor's view of ``page`` shows."""
    response = client.get(page.absolute_url(), headers={"Accept": "text/html"})
    assert response.status_int == 200
    return {
        widget_id
        for widget_id in ("doc", "pic")
        if f'data-widget-id="{widget_id}"' in response.text
    }


class TestTheShownItemsDates:
    """Anonymous visitors see only the items they may see now; the editor
    sees each."""

    def test_published_items_are_shown(self, page, rest_client):
        assert shown(rest_client(), page) == {"doc", "pic"}

    def test_private_items_are_not_shown_to_visitors(self, page, items, rest_client):
        for item in items:
            api.content.transition(item, "retract")
        transaction.commit()
        assert shown(rest_client(), page) == set()
        assert shown(rest_client("editor", auth="basic"), page) == {"doc", "pic"}

    def test_expired_items_are_not_shown_to_visitors(self, page, items, rest_client):
        for item in items:
            item.setExpirationDate(DateTime() - 1)
            item.reindexObject()
        transaction.commit()
        assert shown(rest_client(), page) == set()
        assert shown(rest_client("editor", auth="basic"), page) == {"doc", "pic"}

    def test_items_not_yet_effective_are_not_shown_to_visitors(
        self, page, items, rest_client
    ):
        for item in items:
            item.setEffectiveDate(DateTime() + 1)
            item.reindexObject()
        transaction.commit()
        assert shown(rest_client(), page) == set()


class TestCutPasteAndRename:
    def test_a_page_cut_and_pasted_keeps_its_arrangement_and_history(
        self, site, page, rest_client
    ):
        before = arrangement.to_data(arrangement.get(page))
        moved = api.content.move(page, site, "moved")
        transaction.commit()
        assert arrangement.to_data(arrangement.get(moved)) == before
        assert shown(rest_client(), moved) == {"doc", "pic"}
        history = rest_client("editor").get(
            f"{moved.absolute_url()}/@composite-history"
        )
        assert history.status_int == 200

    def test_the_editor_saves_a_renamed_page_at_its_new_address(
        self, page, rest_client
    ):
        renamed = api.content.rename(page, "study-room")
        transaction.commit()
        response = rest_client("editor").patch(
            f"{renamed.absolute_url()}/@composite",
            json={
                "version": "1",
                "slots": {"main": [{"id": "doc", "type": "content"}]},
            },
        )
        assert response.status_int == 200
        assert shown(rest_client(), renamed) == {"doc"}

    def test_a_moved_page_is_found_by_the_items_it_shows(self, site, page, items):
        api.content.move(page, site, "moved")
        transaction.commit()
        catalog = api.portal.get_tool("portal_catalog")
        found = catalog.unrestrictedSearchResults(composite_references=items[0].UID())
        assert [brain.getPath() for brain in found] == ["/plone/moved"]


class TestSharing:
    """Design rights given on a folder's Sharing tab."""

    @pytest.fixture
    def shared(self, folder, page):
        """``sam`` is an Editor of the folder, ``cory`` a Contributor of it,
        both Members of the site only."""
        users = api.portal.get_tool("acl_users")
        for name, role in (("sam", "Editor"), ("cory", "Contributor")):
            users.userFolderAddUser(name, PASSWORD, ["Member"], [])
            api.user.grant_roles(username=name, obj=folder, roles=[role])
        transaction.commit()
        return page

    def patch(self, rest_client, user: str, page):
        return rest_client(user).patch(
            f"{page.absolute_url()}/@composite",
            json={"version": "1", "layout": "two-columns"},
        )

    def design(self, rest_client, user: str, page):
        return rest_client(user, auth="basic").get(
            f"{page.absolute_url()}/@@composite-design",
            headers={"Accept": "text/html"},
        )

    def test_an_editor_of_the_folder_designs_its_pages(self, shared, rest_client):
        assert self.design(rest_client, "sam", shared).status_int == 200
        assert self.patch(rest_client, "sam", shared).status_int == 200
        assert arrangement.get(shared).layout == "two-columns"

    def test_an_editor_of_the_folder_designs_nothing_elsewhere(
        self, shared, site, rest_client
    ):
        other = api.content.create(
            container=site, type="Composite Page", id="other", title="Elsewhere"
        )
        api.content.transition(other, "publish")
        transaction.commit()
        assert self.patch(rest_client, "sam", other).status_int == 403
        assert arrangement.get(other).version == "0"

    def test_a_contributor_of_the_folder_does_not_design_others_pages(
        self, shared, rest_client
    ):
        assert self.design(rest_client, "cory", shared).status_int == 403
        assert self.patch(rest_client, "cory", shared).status_int == 403
        assert arrangement.get(shared).layout == "one-column"

    def test_a_contributor_of_the_folder_designs_the_pages_they_add(
        self, shared, folder, rest_client
    ):
        with api.env.adopt_user(username="cory"):
            own = api.content.create(
                container=folder, type="Composite Page", id="own", title="Own"
            )
        transaction.commit()
        response = rest_client("cory").patch(
            f"{own.absolute_url()}/@composite",
            json={"version": "0", "layout": "two-columns"},
        )
        assert response.status_int == 200
        assert arrangement.get(own).layout == "two-columns"
