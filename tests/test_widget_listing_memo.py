"""Listing results are remembered across requests, keyed by the final catalog
query, the catalog's state, the user's roles and groups and the time: a user
never gets results another user's search found, and every change shows."""

from collective.composite.widgets import listingquery
from DateTime import DateTime
from page_fixtures import add
from page_fixtures import as_manager
from page_fixtures import as_visitor
from page_fixtures import counted_searches
from page_fixtures import hide
from page_fixtures import render
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from Products.CMFPlone.CatalogTool import CatalogTool

import pytest
import transaction


ANY = "plone.app.querystring.operation.selection.any"
NEWS = [{"i": "portal_type", "o": ANY, "v": ["News Item"]}]


def listing(html: str) -> str:
    return html.split('class="composite-listing"')[1].split("</section>")[0]


def news_item(title: str):
    return api.content.find(portal_type="News Item", Title=title)[0].getObject()


def visitor_listing_after(site, request, change) -> str:
    """The listing a visitor sees when, after a visitor's view of the page, a
    Manager has made and committed ``change``."""
    as_visitor(site)
    render(site["page"], request)
    as_manager(site)
    change()
    transaction.commit()
    as_visitor(site)
    return listing(render(site["page"], request))


@pytest.fixture
def site(functional_portal):
    """A page listing news items, one of them private; committed."""
    portal = functional_portal
    listingquery.memo.clear()
    as_manager(portal)
    page = api.content.create(container=portal, type="Composite Page", id="page")
    add(page, "listing", {"query": NEWS, "display": "titles", "limit": 10})
    api.content.create(container=portal, type="News Item", title="Public")
    hide(api.content.create(container=portal, type="News Item", title="Private"))
    transaction.commit()
    yield portal
    listingquery.memo.clear()


@pytest.fixture
def searches(monkeypatch):
    """The catalog searches of the listing (its limit tells them apart from
    those of the page's portlets and navigation)."""
    return counted_searches(monkeypatch, lambda query: query.get("sort_limit") == 10)


def test_a_second_view_does_not_search_again(site, functional_http_request, searches):
    render(site["page"], functional_http_request)
    render(site["page"], functional_http_request)
    assert len(searches) == 1
    assert len(listingquery.memo) == 1


def test_a_visitor_never_gets_what_a_manager_found(site, functional_http_request):
    assert ">Private</a>" in listing(render(site["page"], functional_http_request))
    as_visitor(site)
    html = listing(render(site["page"], functional_http_request))
    assert ">Public</a>" in html
    assert ">Private</a>" not in html


def test_a_visitor_never_gets_what_a_reviewer_found(site, functional_http_request):
    private = news_item("Private")
    for permission in ("View", "Access contents information"):
        private.manage_permission(permission, ["Manager", "Reviewer"], acquire=False)
    private.reindexObjectSecurity()
    setRoles(site, TEST_USER_ID, ["Reviewer"])
    login(site, TEST_USER_NAME)
    transaction.commit()
    assert ">Private</a>" in listing(render(site["page"], functional_http_request))
    as_visitor(site)
    assert ">Private</a>" not in listing(render(site["page"], functional_http_request))


def test_a_manager_gets_more_than_a_visitor_found(site, functional_http_request):
    as_visitor(site)
    render(site["page"], functional_http_request)
    as_manager(site)
    assert ">Private</a>" in listing(render(site["page"], functional_http_request))


def test_an_item_made_private_disappears(site, functional_http_request):
    html = visitor_listing_after(
        site, functional_http_request, lambda: hide(news_item("Public"))
    )
    assert ">Public</a>" not in html


def test_a_new_item_appears(site, functional_http_request):
    html = visitor_listing_after(
        site,
        functional_http_request,
        lambda: api.content.create(container=site, type="News Item", title="Fresh"),
    )
    assert ">Fresh</a>" in html


def test_an_item_appears_when_it_becomes_effective(
    site, functional_http_request, monkeypatch
):
    news = api.content.create(container=site, type="News Item", title="Embargoed")
    news.setEffectiveDate(DateTime() + 1)
    news.reindexObject()
    transaction.commit()
    as_visitor(site)
    assert "Embargoed" not in render(site["page"], functional_http_request)
    tomorrow = DateTime() + 2
    # The catalog's clock, and the memo's (the minute, from ``time``).
    monkeypatch.setattr(f"{CatalogTool.__module__}.DateTime", lambda: tomorrow)
    monkeypatch.setattr(listingquery, "time", lambda: tomorrow.timeTime())
    assert ">Embargoed</a>" in listing(render(site["page"], functional_http_request))


def test_nothing_is_kept_while_the_catalog_has_uncommitted_changes(
    site, functional_http_request
):
    api.content.create(container=site, type="News Item", title="Draft")
    render(site["page"], functional_http_request)
    assert len(listingquery.memo) == 0
    transaction.abort()
