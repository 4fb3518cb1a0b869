"""Pages follow the items they show: a change of an item tells, at commit, the
pages showing it (composite_references), which refresh their SearchableText."""

from collective.composite import arrangement
from collective.composite.catalog import indexers
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import IShownItemModifiedEvent
from page_fixtures import add
from page_fixtures import as_manager
from page_fixtures import hide
from plone import api
from zope.component import getGlobalSiteManager
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction


@pytest.fixture
def site(functional_portal):
    as_manager(functional_portal)
    return functional_portal


@pytest.fixture
def published(site):
    """Content gets Plone's usual workflow, published pages and items."""
    api.portal.get_tool("portal_workflow").setChainForPortalTypes(
        ("Document", "Composite Page"), "simple_publication_workflow"
    )


@pytest.fixture
def item(site):
    return api.content.create(
        container=site, type="Document", id="item", title="Manuscripts"
    )


@pytest.fixture
def referring_page(site, item):
    """A Composite Page showing ``item``, committed."""
    page = api.content.create(
        container=site, type="Composite Page", id="page", title="Reading room"
    )
    add(page, "content", {"uid": item.UID()})
    transaction.commit()
    return page


def words(obj) -> list[str]:
    catalog = api.portal.get_tool("portal_catalog")
    catalog(portal_type="nothing")  # process the indexing queue
    return catalog.getIndexDataForUID("/".join(obj.getPhysicalPath()))["SearchableText"]


def showing(item) -> list[str]:
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        composite_references=item.UID()
    )
    return [brain.getId for brain in brains]


def test_a_page_is_found_by_the_items_it_shows(referring_page, item):
    assert showing(item) == ["page"]


def test_a_page_no_longer_showing_an_item_is_not_found_by_it(referring_page, item):
    [shown] = arrangement.get(referring_page).slots["main"]
    arrangement.remove_widget(referring_page, shown.id)
    transaction.commit()
    assert showing(item) == []


def test_an_items_new_title_reaches_the_pages_showing_it(referring_page, item):
    item.title = "Incunabula"
    notify(ObjectModifiedEvent(item))
    transaction.commit()
    assert "incunabula" in words(referring_page)
    assert "manuscripts" not in words(referring_page)


def test_an_item_hidden_from_the_pages_viewers_leaves_their_text(referring_page, item):
    hide(item)
    notify(ObjectModifiedEvent(item))
    transaction.commit()
    assert "manuscripts" not in words(referring_page)


@pytest.mark.usefixtures("published")
def test_an_item_published_with_its_page_stays_in_their_text(referring_page, item):
    api.content.transition(obj=referring_page, transition="publish")
    api.content.transition(obj=item, transition="publish")
    transaction.commit()
    assert "manuscripts" in words(referring_page)


@pytest.mark.usefixtures("published")
def test_an_item_retracted_from_a_public_page_leaves_its_text(referring_page, item):
    api.content.transition(obj=referring_page, transition="publish")
    api.content.transition(obj=item, transition="publish")
    transaction.commit()
    api.content.transition(obj=item, transition="retract")
    transaction.commit()
    assert "manuscripts" not in words(referring_page)


def test_a_deleted_item_leaves_the_text_of_the_pages_showing_it(referring_page, item):
    api.content.delete(item, check_linkintegrity=False)  # "Delete anyway"
    transaction.commit()
    assert "manuscripts" not in words(referring_page)


def test_an_item_changed_after_a_page_in_the_same_transaction(site):
    item = api.content.create(container=site, type="Document", id="later")
    page = api.content.create(container=site, type="Composite Page", id="same")
    add(page, "content", {"uid": item.UID()})
    item.title = "Palimpsest"
    notify(ObjectModifiedEvent(item))
    transaction.commit()
    assert "palimpsest" in words(page)


def test_changing_an_item_no_page_shows_refreshes_no_page(
    referring_page, site, monkeypatch
):
    other = api.content.create(container=site, type="Document", id="other")
    transaction.commit()
    refreshed = []
    monkeypatch.setattr(indexers, "refresh", refreshed.append)
    other.title = "Unrelated"
    notify(ObjectModifiedEvent(other))
    transaction.commit()
    assert refreshed == []


def test_without_the_index_a_change_refreshes_no_page(
    referring_page, item, monkeypatch
):
    api.portal.get_tool("portal_catalog").delIndex("composite_references")
    refreshed = []
    monkeypatch.setattr(indexers, "refresh", refreshed.append)
    notify(ObjectModifiedEvent(item))
    transaction.commit()
    assert refreshed == []


def test_each_page_is_told_once_per_transaction_of_the_items_it_shows(
    referring_page, item
):
    told = []

    def record(obj, event):
        told.append((obj.getId(), event.uids))

    registry = getGlobalSiteManager()
    registry.registerHandler(record, (ICompositeEnabled, IShownItemModifiedEvent))
    try:
        for title in ("First", "Second"):
            item.title = title
            notify(ObjectModifiedEvent(item))
        transaction.commit()
    finally:
        registry.unregisterHandler(record, (ICompositeEnabled, IShownItemModifiedEvent))
    assert told == [("page", frozenset({item.UID()}))]
