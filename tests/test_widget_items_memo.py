"""The items a page's widgets show are looked up through the listings' memo:
a page viewed again in the same catalog state, by a visitor with the same
roles, does not search again, and every change (an item hidden, a user with
other roles) shows at once."""

from collective.composite.widgets import listingquery
from page_fixtures import add
from page_fixtures import as_manager
from page_fixtures import as_visitor
from page_fixtures import composite_document
from page_fixtures import counted_searches
from page_fixtures import hide
from page_fixtures import render
from plone import api

import pytest
import re
import transaction


def shown(html: str) -> list[str]:
    """The titles the page's content widgets show."""
    return re.findall(r'composite-content--title"[^>]*>\s*<a [^>]*>([^<]*)</a>', html)


@pytest.fixture
def site(functional_portal):
    """A page showing a public and a private document; committed."""
    portal = functional_portal
    listingquery.memo.clear()
    as_manager(portal)
    page = api.content.create(container=portal, type="Composite Page", id="page")
    public = composite_document(portal, "public", "Public")
    secret = composite_document(portal, "secret", "Secret")
    hide(secret)
    for item in (public, secret):
        add(page, "content", {"uid": item.UID(), "display": "title"})
    transaction.commit()
    yield portal
    listingquery.memo.clear()


@pytest.fixture
def uid_searches(monkeypatch):
    """The catalog searches by UID (the page's items)."""
    return counted_searches(monkeypatch, lambda query: "UID" in query)


def test_a_second_view_does_not_search_the_items_again(
    site, functional_http_request, uid_searches
):
    as_visitor(site)
    first = render(site["page"], functional_http_request)
    second = render(site["page"], functional_http_request)
    assert len(uid_searches) == 1
    assert first == second
    assert shown(second) == ["Public"]


def test_a_visitor_never_gets_an_item_a_manager_found(site, functional_http_request):
    assert shown(render(site["page"], functional_http_request)) == ["Public", "Secret"]
    as_visitor(site)
    assert shown(render(site["page"], functional_http_request)) == ["Public"]


def test_an_item_hidden_since_the_last_view_disappears(site, functional_http_request):
    as_visitor(site)
    assert shown(render(site["page"], functional_http_request)) == ["Public"]
    as_manager(site)
    hide(site["public"])
    transaction.commit()
    as_visitor(site)
    assert shown(render(site["page"], functional_http_request)) == []
