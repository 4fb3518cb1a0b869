"""A listing's catalog query is remembered when plone.app.querystring's
parser makes it from the criteria alone: parsed once per distinct query,
navigation root included; made again on each view when it reads the user,
the date, or an add-on's query modifier is there. What the catalog adds for
the visitor is looked up once per request and user: another user in the
same request never gets what the first one's search found."""

from collective.composite.widgets import listingquery
from DateTime import DateTime
from page_fixtures import add
from page_fixtures import as_manager
from page_fixtures import as_role
from page_fixtures import as_visitor
from page_fixtures import render
from plone import api
from plone.app.querystring import queryparser
from plone.app.querystring.interfaces import IQueryModifier
from test_widget_listing_contract import content  # noqa: F401 (a fixture)
from test_widget_listing_contract import CORPUS
from test_widget_listing_contract import frozen  # noqa: F401 (a fixture)
from test_widget_listing_contract import upstream
from test_widget_listing_memo import listing
from test_widget_listing_memo import site  # noqa: F401 (a fixture)
from zope.annotation.interfaces import IAnnotations

import copy
import pytest
import transaction


OP = "plone.app.querystring.operation"
NEWS = [{"i": "portal_type", "o": f"{OP}.selection.any", "v": ["News Item"]}]
DOCUMENTS = [{"i": "portal_type", "o": f"{OP}.selection.any", "v": ["Document"]}]
MINE = [{"i": "Creator", "o": f"{OP}.string.currentUser"}]
RECENT = [{"i": "created", "o": f"{OP}.date.lessThanRelativeDate", "v": "7"}]


@pytest.fixture
def parses(monkeypatch) -> list:
    """The criteria the query parser was given; nothing remembered before."""
    seen = []
    original = queryparser.parseFormquery

    def counted(context, formquery, *args, **kw):
        seen.append(formquery)
        return original(context, formquery, *args, **kw)

    monkeypatch.setattr(queryparser, "parseFormquery", counted)
    listingquery.queries.clear()
    yield seen
    listingquery.queries.clear()


def new_request(request) -> None:
    """Forget what the request looked up (as a new request would)."""
    IAnnotations(request).pop(listingquery._STATE_KEY, None)


def test_a_query_is_parsed_once_per_distinct_query(page, http_request, parses):
    for criteria, sort_on in [(NEWS, "created"), (DOCUMENTS, None)] * 3:
        add(page, "listing", {"query": criteria, "sort_on": sort_on})
    render(page, http_request)
    new_request(http_request)
    render(page, http_request)
    assert len(parses) == 2


@pytest.mark.parametrize("criteria", [MINE, RECENT], ids=["current user", "dates"])
def test_a_query_of_the_user_or_the_date_is_parsed_on_each_view(
    page, http_request, parses, criteria
):
    add(page, "listing", {"query": criteria})
    render(page, http_request)
    render(page, http_request)
    assert len(parses) == 2
    assert len(listingquery.queries) == 0


def test_the_navigation_root_is_part_of_the_key(page, monkeypatch, parses):
    catalog = api.portal.get_tool("portal_catalog")
    queries = []
    for root in ("/plone", "/plone/en", "/plone"):
        monkeypatch.setattr(
            listingquery, "navigation_root", lambda context, root=root: root
        )
        queries.append(listingquery.catalog_query(catalog, page, NEWS, "created"))
    assert [query["path"] for query in queries] == [
        {"query": ["/plone/"]},
        {"query": ["/plone/en/"]},
        {"query": ["/plone/"]},
    ]
    assert len(parses) == 2


def test_a_remembered_query_holds_none_of_the_criteria(page, parses):
    catalog = api.portal.get_tool("portal_catalog")
    criteria = copy.deepcopy(NEWS)
    query = listingquery.catalog_query(catalog, page, criteria)
    criteria[0]["v"].append("Document")
    assert query["portal_type"] == {"query": ["News Item"]}
    again = listingquery.catalog_query(catalog, page, copy.deepcopy(NEWS))
    assert again["portal_type"] == {"query": ["News Item"]}
    assert len(parses) == 1


def test_an_add_on_query_modifier_is_applied_on_each_view(
    page, http_request, parses, portal
):
    def only_documents(criteria):
        return [*criteria, *DOCUMENTS] if criteria else criteria

    manager = portal.getSiteManager()
    manager.registerUtility(only_documents, IQueryModifier, name="zz.documents")
    try:
        new_request(http_request)
        catalog = api.portal.get_tool("portal_catalog")
        for _ in range(2):
            query = listingquery.catalog_query(catalog, page, NEWS)
            assert query["portal_type"] == {"query": ["Document"]}
    finally:
        manager.unregisterUtility(only_documents, IQueryModifier, name="zz.documents")
        new_request(http_request)
    assert len(parses) == 2


def test_a_date_index_criterion_is_made_again(page, parses):
    """A date index's query modifier parses text, which may stand for a
    time of today."""
    catalog = api.portal.get_tool("portal_catalog")
    criteria = [{"i": "created", "o": f"{OP}.date.largerThan", "v": "10:30"}]
    for _ in range(2):
        listingquery.catalog_query(catalog, page, copy.deepcopy(criteria))
    assert len(parses) == 2


@pytest.mark.parametrize("name", CORPUS)
def test_a_remembered_query_is_still_plone_app_querystrings(
    name,
    content,  # noqa: F811
    frozen,  # noqa: F811
    monkeypatch,
):
    criteria, sort_on, sort_order, limit = CORPUS[name]
    catalog = api.portal.get_tool("portal_catalog")
    expected, _brains = upstream(
        content, criteria, sort_on, sort_order, limit, monkeypatch
    )
    listingquery.queries.clear()
    made = [
        listingquery.catalog_query(
            catalog,
            content,
            copy.deepcopy(criteria),
            sort_on=sort_on,
            sort_order=sort_order,
            limit=limit,
        )
        for _ in range(2)
    ]
    assert made == [expected, expected]


def test_in_one_request_a_visitor_never_gets_what_a_manager_found(
    site,  # noqa: F811
    functional_http_request,
):
    """The visitor's roles are looked up once per request and user: the
    Manager's, then an anonymous visitor's, then the Manager's again, all in
    the same request."""
    request = functional_http_request
    assert ">Private</a>" in listing(render(site["page"], request))
    as_visitor(site)
    assert ">Private</a>" not in listing(render(site["page"], request))
    as_manager(site)
    assert ">Private</a>" in listing(render(site["page"], request))


def test_roles_adopted_for_a_while_show_inactive_content_only_meanwhile(
    site,  # noqa: F811
    functional_http_request,
):
    """Whether the user may see inactive (expired) content is a permission,
    which adopted roles change within the user's request."""
    expired = api.content.create(container=site, type="News Item", title="Old")
    expired.setExpirationDate(DateTime() - 1)
    expired.reindexObject()
    transaction.commit()
    request = functional_http_request
    as_role(site, "Member")
    with api.env.adopt_roles(["Manager"]):
        assert ">Old</a>" in listing(render(site["page"], request))
    assert ">Old</a>" not in listing(render(site["page"], request))
    with api.env.adopt_roles(["Manager"]):
        assert ">Old</a>" in listing(render(site["page"], request))
