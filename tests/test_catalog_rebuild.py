"""Rebuilding the catalog from the ZMI (portal_catalog's *Advanced* tab) keeps
composite pages findable by what they show, and writes nothing to their
arrangements."""

from functional_fixtures import arrange
from functional_fixtures import post_form
from page_fixtures import as_manager
from plone import api
from zope.annotation.interfaces import IAnnotations

import pytest
import transaction


@pytest.fixture
def site(functional_portal, rest_users):
    """The site with Plone's simple publication workflow, as the Manager."""
    as_manager(functional_portal)
    api.portal.get_tool("portal_workflow").setChainForPortalTypes(
        ("Document", "Folder", "Composite Page"), "simple_publication_workflow"
    )
    return functional_portal


def published(container, type_name: str, id_: str, title: str):
    item = api.content.create(container=container, type=type_name, id=id_, title=title)
    api.content.transition(item, "publish")
    return item


@pytest.fixture
def pages(site):
    """A published page in a folder and the site root as a front page, both
    showing a published Document and a private one that were created after
    them, so a rebuild reaches the pages first; committed."""
    folder = published(site, "Folder", "section", "Section")
    page = published(folder, "Composite Page", "page", "Reading room")
    shown = published(site, "Document", "manuscripts", "Manuscripts")
    private = api.content.create(
        container=site, type="Document", id="secret", title="Incunabula"
    )
    site.setLayout("composite-view")
    for composite in (page, site):
        arrange(
            composite,
            {
                "slots": {
                    "main": [
                        {
                            "id": "shown",
                            "type": "content",
                            "settings": {"uid": shown.UID()},
                        },
                        {
                            "id": "secret",
                            "type": "content",
                            "settings": {"uid": private.UID()},
                        },
                    ]
                }
            },
        )
    return site, page


def rebuild(rest_client, site, action: str) -> None:
    """Press a button of portal_catalog's *Advanced* tab, as a Manager."""
    manager = rest_client("manager", auth="basic")
    url = site.absolute_url()
    response = post_form(manager, f"{url}/portal_catalog/{action}", {}, url)
    assert response.status_int == 302
    assert "Catalog" in response.headers["Location"]  # rebuilt, not refused


def search(rest_client, site, words: str) -> list[str]:
    """The paths an anonymous search for ``words`` finds (plone.restapi's
    ``@search``, which lists the site root too)."""
    response = rest_client().get(
        f"{site.absolute_url()}/@search?SearchableText={words}"
    )
    assert response.status_int == 200
    prefix = site.absolute_url()
    return sorted(
        "/plone" + item["@id"][len(prefix) :] for item in response.json["items"]
    )


@pytest.mark.parametrize(
    "action",
    [
        pytest.param("manage_catalogRebuild", id="clear-and-rebuild"),
        pytest.param("manage_catalogReindex", id="update-catalog"),
    ],
)
def test_a_rebuild_keeps_pages_found_by_the_items_they_show(pages, rest_client, action):
    site, page = pages
    rebuild(rest_client, site, action)
    assert search(rest_client, site, "Manuscripts") == [
        "/plone",
        "/plone/manuscripts",
        "/plone/section/page",
    ]


def test_a_rebuild_leaves_private_items_out_of_the_pages_text(pages, rest_client):
    site, page = pages
    rebuild(rest_client, site, "manage_catalogRebuild")
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(SearchableText="Incunabula")
    assert [brain.getPath() for brain in found] == ["/plone/secret"]


def test_a_rebuild_writes_nothing_to_the_arrangements(pages, rest_client):
    stored = [
        IAnnotations(composite)["collective.composite.arrangement"]
        for composite in pages
    ]
    serials = [storage._p_serial for storage in stored]
    rebuild(rest_client, pages[0], "manage_catalogRebuild")
    transaction.begin()  # see what the request committed
    assert [storage._p_serial for storage in stored] == serials


def test_a_page_showing_a_deleted_item_is_rebuilt_without_it(pages, rest_client):
    site, page = pages
    api.content.delete(site["manuscripts"], check_linkintegrity=False)
    transaction.commit()
    rebuild(rest_client, site, "manage_catalogRebuild")
    assert search(rest_client, site, "Manuscripts") == []
    assert search(rest_client, site, "Reading") == ["/plone/section/page"]
