"""The listing widget builds its catalog query itself (see
:func:`collective.composite.widgets.listingquery.catalog_query`, so that
:func:`~collective.composite.widgets.listingquery.search` can remember the
results) instead of asking plone.app.querystring's query builder.
This contract test holds the two together: for every kind of criterion the
listing offers, the query ours makes is the one
``plone.app.querystring.querybuilder.QueryBuilder._makequery`` passes to the
catalog, and both find the same content. A change upstream shows here."""

from collective.composite.widgets import listingquery
from collective.composite.widgets.listing import QUERY_FIELD
from DateTime import DateTime
from plone import api
from plone.app.querystring import queryparser
from plone.app.querystring.querybuilder import QueryBuilder
from plone.registry.interfaces import IRegistry
from Products.CMFPlone.CatalogTool import CatalogTool
from zope.component import getUtility

import copy
import pytest


OP = "plone.app.querystring.operation"
# The moment every relative date of the corpus is computed from.
NOW = DateTime("2026/06/15 10:30:00 UTC")

# Each case: criteria, sort_on, sort_order, limit (as listing.py passes them:
# sort_order is "reverse", None, or "ascending" for a collection).
CORPUS = {
    "type any": (
        [{"i": "portal_type", "o": f"{OP}.selection.any", "v": ["News Item"]}],
        None,
        None,
        0,
    ),
    "types any, sorted, limited": (
        [
            {
                "i": "portal_type",
                "o": f"{OP}.selection.any",
                "v": ["News Item", "Document"],
            }
        ],
        "sortable_title",
        None,
        3,
    ),
    "type reversed": (
        [{"i": "portal_type", "o": f"{OP}.selection.any", "v": ["Document"]}],
        "sortable_title",
        "reverse",
        0,
    ),
    "type ascending (collection)": (
        [{"i": "portal_type", "o": f"{OP}.selection.any", "v": ["Document"]}],
        "created",
        "ascending",
        2,
    ),
    "review state": (
        [{"i": "review_state", "o": f"{OP}.selection.any", "v": ["private"]}],
        None,
        None,
        0,
    ),
    "subject any": (
        [{"i": "Subject", "o": f"{OP}.selection.any", "v": ["birds", "fish"]}],
        None,
        None,
        0,
    ),
    "subject all": (
        [{"i": "Subject", "o": f"{OP}.selection.all", "v": ["birds", "fish"]}],
        None,
        None,
        0,
    ),
    "relative path, parent, depth 1": (
        [{"i": "path", "o": f"{OP}.string.relativePath", "v": "..::1"}],
        None,
        None,
        0,
    ),
    "relative path, sibling folder": (
        [{"i": "path", "o": f"{OP}.string.relativePath", "v": "../shelf"}],
        "getObjPositionInParent",
        None,
        0,
    ),
    "absolute path": (
        [{"i": "path", "o": f"{OP}.string.absolutePath", "v": "/shelf"}],
        None,
        None,
        0,
    ),
    "absolute path, depth 0": (
        [{"i": "path", "o": f"{OP}.string.absolutePath", "v": "/shelf::0"}],
        None,
        None,
        0,
    ),
    "absolute path with site root": (
        [{"i": "path", "o": f"{OP}.string.absolutePath", "v": "/plone/shelf::1"}],
        None,
        None,
        0,
    ),
    "two paths": (
        [
            {"i": "path", "o": f"{OP}.string.absolutePath", "v": "/shelf::1"},
            {"i": "path", "o": f"{OP}.string.absolutePath", "v": "/news::1"},
        ],
        None,
        None,
        0,
    ),
    "navigation path": (
        [{"i": "path", "o": f"{OP}.string.path", "v": "/shelf"}],
        None,
        None,
        0,
    ),
    "created today": ([{"i": "created", "o": f"{OP}.date.today"}], None, None, 0),
    "created before today": (
        [{"i": "created", "o": f"{OP}.date.beforeToday"}],
        None,
        None,
        0,
    ),
    "created after today": (
        [{"i": "created", "o": f"{OP}.date.afterToday"}],
        None,
        None,
        0,
    ),
    "created within 7 days ago": (
        [{"i": "created", "o": f"{OP}.date.largerThanRelativeDate", "v": "7"}],
        None,
        None,
        0,
    ),
    "created within 7 days ahead": (
        [{"i": "created", "o": f"{OP}.date.lessThanRelativeDate", "v": "7"}],
        None,
        None,
        0,
    ),
    "created before 5 days ago": (
        [{"i": "created", "o": f"{OP}.date.beforeRelativeDate", "v": "5"}],
        None,
        None,
        0,
    ),
    "created after 5 days from now": (
        [{"i": "created", "o": f"{OP}.date.afterRelativeDate", "v": "5"}],
        None,
        None,
        0,
    ),
    "created between dates": (
        [
            {
                "i": "created",
                "o": f"{OP}.date.between",
                "v": ["2026-06-01", "2026-06-14"],
            }
        ],
        None,
        None,
        0,
    ),
    "created after a date": (
        [{"i": "created", "o": f"{OP}.date.largerThan", "v": "2026-06-10"}],
        None,
        None,
        0,
    ),
    "modified before a date": (
        [{"i": "modified", "o": f"{OP}.date.lessThan", "v": "2026-06-10"}],
        None,
        None,
        0,
    ),
    "created range from two criteria": (
        [
            {"i": "created", "o": f"{OP}.date.largerThan", "v": "2026-06-01"},
            {"i": "created", "o": f"{OP}.date.lessThan", "v": "2026-06-14"},
        ],
        "created",
        "reverse",
        0,
    ),
    "searchable text": (
        [{"i": "SearchableText", "o": f"{OP}.string.contains", "v": "heron"}],
        None,
        None,
        0,
    ),
    "searchable text, two words": (
        [{"i": "SearchableText", "o": f"{OP}.string.contains", "v": "grey heron"}],
        None,
        None,
        0,
    ),
    "title": (
        [{"i": "Title", "o": f"{OP}.string.contains", "v": "Heron"}],
        None,
        None,
        0,
    ),
    "combined": (
        [
            {
                "i": "portal_type",
                "o": f"{OP}.selection.any",
                "v": ["News Item", "Document"],
            },
            {"i": "review_state", "o": f"{OP}.selection.any", "v": ["published"]},
            {"i": "path", "o": f"{OP}.string.relativePath", "v": "../shelf::1"},
            {"i": "Subject", "o": f"{OP}.selection.any", "v": ["birds"]},
        ],
        "modified",
        "reverse",
        5,
    ),
}


class FrozenDateTime(DateTime):
    """DateTime whose "now" (no arguments) is :data:`NOW`."""

    def __init__(self, *args, **kw):
        if not args and not kw:
            args = (NOW,)
        super().__init__(*args, **kw)


@pytest.fixture
def frozen(monkeypatch):
    """The query parser's "now" is :data:`NOW`: the relative date operations
    call ``DateTime()`` and would otherwise differ between the two builds by
    the time between them (and across midnight, by a day)."""
    monkeypatch.setattr(queryparser, "DateTime", FrozenDateTime)


@pytest.fixture
def content(page):
    """Folders ``/plone/shelf`` and ``/plone/news`` of documents and news items
    with subjects, published or private, created and modified days around
    :data:`NOW`."""
    portal = api.portal.get()
    # The test site has no workflow; review states need one (the layer
    # aborts the change after the test).
    portal.portal_workflow.setDefaultChain("simple_publication_workflow")
    shelf = api.content.create(
        container=portal, type="Folder", id="shelf", title="Shelf"
    )
    news = api.content.create(container=portal, type="Folder", id="news", title="News")
    items = [
        (shelf, "Document", "Grey heron", ["birds"], -1, True),
        (shelf, "Document", "Salmon", ["fish"], -10, True),
        (shelf, "News Item", "Kingfisher", ["birds", "fish"], 0, True),
        (shelf, "Document", "Draft heron notes", ["birds"], 3, False),
        (news, "News Item", "Heron seen", ["birds"], -3, True),
        (news, "News Item", "Trout season", ["fish"], 10, False),
    ]
    for container, type_, title, subjects, days, public in items:
        obj = api.content.create(container=container, type=type_, title=title)
        obj.setSubject(subjects)
        if public:
            api.content.transition(obj, to_state="published")
        # A fixed time of day keeps every item clear of the day boundaries of
        # the date operations.
        obj.creation_date = obj.modification_date = NOW + days
        # Naming the indexes keeps reindexObject from setting the
        # modification date to now.
        obj.reindexObject(idxs=["created", "modified", "Subject"])
    listingquery.memo.clear()
    yield page
    listingquery.memo.clear()


def upstream(context, criteria, sort_on, sort_order, limit, monkeypatch):
    """The catalog query plone.app.querystring's query builder runs, and its
    brains (None and [] when it does not search)."""
    seen = []
    original = CatalogTool.__call__

    def recording(self, REQUEST=None, **kw):
        seen.append(copy.deepcopy(kw))
        return original(self, REQUEST, **kw)

    with monkeypatch.context() as patch:
        patch.setattr(CatalogTool, "__call__", recording)
        brains = QueryBuilder(context, context.REQUEST)._makequery(
            query=copy.deepcopy(criteria),
            sort_on=sort_on,
            sort_order=sort_order,
            limit=limit,
            brains=True,
        )
    return (seen[0] if seen else None), list(brains)


def paths(brains) -> list[str]:
    return [brain.getPath() for brain in brains]


def test_the_corpus_uses_operations_the_site_offers(portal):
    """Every criterion passes the listing widget's check, so the corpus is
    made of what a listing may hold."""
    registry = getUtility(IRegistry)
    for criteria, *_ in CORPUS.values():
        for criterion in criteria:
            operations = registry.get(f"{QUERY_FIELD}.{criterion['i']}.operations")
            assert criterion["o"] in operations, criterion


@pytest.mark.parametrize("name", CORPUS)
def test_same_query_and_results_as_plone_app_querystring(
    name, content, frozen, monkeypatch
):
    criteria, sort_on, sort_order, limit = CORPUS[name]
    catalog = api.portal.get_tool("portal_catalog")
    expected_query, expected_brains = upstream(
        content, criteria, sort_on, sort_order, limit, monkeypatch
    )
    query = listingquery.catalog_query(
        catalog,
        content,
        copy.deepcopy(criteria),
        sort_on=sort_on,
        sort_order=sort_order,
        limit=limit,
    )
    # No normalisation is needed: time is frozen (see ``frozen``), and both
    # builds go through the same query modifiers and parser.
    assert query == expected_query
    brains = listingquery.search(catalog, content.REQUEST, query)
    # The query builder only cuts the count, not the results, to the limit.
    assert paths(brains) == paths(expected_brains)
    assert brains, "the fixture should give every case something to find"


def test_no_criteria_search_for_nothing_in_both(content, frozen, monkeypatch):
    """A listing without criteria: the query builder does not search (a
    criterion on an unknown index always comes with the navigation root's path,
    see ``querymodifiers``, so an empty query is the only way there)."""
    expected_query, expected_brains = upstream(content, [], None, None, 5, monkeypatch)
    catalog = api.portal.get_tool("portal_catalog")
    assert listingquery.catalog_query(catalog, content, [], limit=5) is None
    assert expected_query is None
    assert expected_brains == []
