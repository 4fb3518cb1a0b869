"""What a page render looks up once per request, not once per widget: the
HTML filtering settings and, for listings, the navigation root."""

from collective.composite.widgets import htmlfilter
from collective.composite.widgets import listingquery
from page_fixtures import add
from page_fixtures import render
from plone import api
from plone.registry import Registry
from zope.annotation.interfaces import IAnnotations

import pytest
import uuid


NEWS = [
    {
        "i": "portal_type",
        "o": "plone.app.querystring.operation.selection.any",
        "v": ["News Item"],
    }
]


@pytest.fixture
def filter_reads(monkeypatch) -> list:
    """The HTML filtering settings read from the registry."""
    reads = []
    original = Registry.get

    def counted(self, name, default=None):
        if name in htmlfilter._FILTER_SETTINGS:
            reads.append(name)
        return original(self, name, default)

    monkeypatch.setattr(Registry, "get", counted)
    return reads


def test_the_filter_settings_are_read_once_per_request(
    page, http_request, filter_reads
):
    for n in range(4):
        add(page, "text", {"text": f"<p>Text {n} {uuid.uuid4().hex}</p>"})
        add(page, "html", {"html": f"<p>Embed {n} {uuid.uuid4().hex}</p>"})
    IAnnotations(http_request).pop(htmlfilter._REQUEST_KEY, None)  # a new request
    filter_reads.clear()
    render(page, http_request)
    render(page, http_request)
    assert len(filter_reads) == len(htmlfilter._FILTER_SETTINGS)


def test_a_filter_setting_changed_in_the_request_is_read_again(page, http_request):
    add(page, "text", {"text": f"<p>Some <em>stress</em> {uuid.uuid4().hex}</p>"})
    assert "<em>stress</em>" in render(page, http_request)
    valid = api.portal.get_registry_record("plone.valid_tags")
    api.portal.set_registry_record(
        "plone.valid_tags", [tag for tag in valid if tag != "em"]
    )
    assert "<em>" not in render(page, http_request)


def test_listings_look_up_the_navigation_root_once_per_request(
    page, http_request, monkeypatch
):
    for limit in (1, 2, 3):
        add(page, "listing", {"query": NEWS, "display": "titles", "limit": limit})
    lookups = []
    original = listingquery.get_navigation_root
    monkeypatch.setattr(
        listingquery,
        "get_navigation_root",
        lambda context: lookups.append(context) or original(context),
    )
    listingquery.memo.clear()
    render(page, http_request)
    assert len(lookups) == 1


def test_the_navigation_path_is_the_query_parsers(page):
    from plone.app.querystring import queryparser
    from plone.app.querystring.querymodifiers import (
        modify_query_to_enforce_navigation_root,
    )

    criteria = modify_query_to_enforce_navigation_root(NEWS)
    catalog = api.portal.get_tool("portal_catalog")
    query = listingquery.catalog_query(catalog, page, NEWS, "sortable_title")
    expected = queryparser.parseFormquery(page, criteria, "sortable_title")
    assert query["path"] == expected["path"]
    assert query["portal_type"] == expected["portal_type"]


def test_design_cards_ask_for_each_icon_once_per_request(
    page, http_request, monkeypatch
):
    from collective.composite import arrangement
    from collective.composite.widgets import renderer as renderer_module
    from collective.composite.widgets.types import get_widget_type

    for n in range(3):
        add(page, "text", {"text": f"<p>Card {n}</p>"})
    asked = []

    class Resolver:
        def tag(self, name, tag_alt=""):
            asked.append(name)
            return f"<svg>{name}</svg>"

    monkeypatch.setattr(renderer_module, "getMultiAdapter", lambda *a, **k: Resolver())
    IAnnotations(http_request).pop(renderer_module._ICON_TAGS, None)
    widget_type = get_widget_type("text")
    tags = [
        widget_type.renderer(widget_type, widget, page, http_request, None).icon_tag()
        for widget in arrangement.get(page).slots["main"]
    ]
    assert len(set(tags)) == 1
    assert asked == [widget_type.icon]
