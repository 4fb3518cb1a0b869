"""The listing widget is composed without its page template in the real
view, to the markup of ``listing.pt``; a type registered again with another
template, or with a renderer class of its own, renders its template."""

from collective.composite import arrangement
from collective.composite.widgets.listing import ListingRenderer
from collective.composite.widgets.listing import TEMPLATE
from collective.composite.widgets.rendering import get_item_resolver
from collective.composite.widgets.types import get_widget_type
from collective.composite.widgets.types import WidgetType
from lxml import html as lxml_html
from Missing import Value as MissingValue
from page_fixtures import add
from page_fixtures import png
from page_fixtures import render
from plone import api
from plone.namedfile.file import NamedBlobImage
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n.negotiator import Negotiator

import pytest


ANY = "plone.app.querystring.operation.selection.any"
NEWS = [{"i": "portal_type", "o": ANY, "v": ["News Item"]}]
NOTHING = [{"i": "portal_type", "o": ANY, "v": ["Nothing of this type"]}]
ODD = 'Tom & "Jerry" <b>\'s</b> café – 東京'


def shape(element) -> tuple:
    """An element as markup means it: tag, attributes, text and children;
    whitespace around texts aside (it is only between tags)."""
    return (
        element.tag,
        sorted(element.attrib.items()),
        (element.text or "").strip(),
        [shape(child) for child in element],
        (element.tail or "").strip(),
    )


def same_markup(first: str, second: str) -> bool:
    def parsed(markup):
        return [shape(e) for e in lxml_html.fragments_fromstring(markup.strip())]

    return parsed(first) == parsed(second)


def both_ways(page, request) -> list[tuple[str, str]]:
    """Each listing of ``page`` composed, and rendered with ``listing.pt``."""
    widget_type = get_widget_type("listing")
    template = ViewPageTemplateFile(widget_type.template)
    pairs = []
    for widget in arrangement.get(page).slots["main"]:
        renderer = widget_type.renderer(
            widget_type, widget, page, request, get_item_resolver(page, request)
        )
        pairs.append((renderer.compose(), template(renderer)))
    return pairs


@pytest.fixture
def news(portal):
    """News items with odd titles and descriptions, one with a lead image."""
    api.content.create(
        container=portal,
        type="News Item",
        title=ODD,
        description='A <i>description</i> & "quotes" ü',
    )
    api.content.create(container=portal, type="News Item", title="Plain")
    pictured = api.content.create(
        container=portal, type="News Item", title="Pictured <3"
    )
    pictured.image = NamedBlobImage(data=png(), filename="p.png")
    pictured.reindexObject()


@pytest.mark.parametrize("display", ["titles", "summaries", "cards"])
@pytest.mark.parametrize("title", [None, "", 'Latest "<&>" news, ü'])
def test_composed_as_the_template_makes_it(page, http_request, news, display, title):
    settings = {"query": NEWS, "display": display, "limit": 10}
    if title is not None:
        settings["title"] = title
    add(page, "listing", settings)
    ((composed, rendered),) = both_ways(page, http_request)
    assert same_markup(composed, rendered), (composed, rendered)
    assert 'Tom &amp; "Jerry" &lt;b&gt;\'s&lt;/b&gt; café – 東京' in composed


def test_urls_under_virtual_hosting(page, http_request, news, monkeypatch):
    """The items' URLs are the brains' own (``getURL``), the site served as
    the root of another host."""
    monkeypatch.setitem(http_request.other, "SERVER_URL", "https://example.org")
    monkeypatch.setitem(http_request.other, "VirtualRootPhysicalPath", ("", "plone"))
    add(page, "listing", {"query": NEWS, "display": "titles", "limit": 10})
    ((composed, rendered),) = both_ways(page, http_request)
    assert same_markup(composed, rendered), (composed, rendered)
    assert 'href="https://example.org/plain"' in composed


@pytest.mark.parametrize("display", ["titles", "summaries", "cards"])
def test_empty_results_as_the_template_shows_them(page, http_request, display):
    add(page, "listing", {"query": NOTHING, "display": display})
    ((composed, rendered),) = both_ways(page, http_request)
    assert same_markup(composed, rendered)
    assert "Nothing to show yet." in composed


@pytest.mark.parametrize("display", ["titles", "summaries", "cards"])
def test_empty_results_show_no_empty_list(page, http_request, display):
    """Screen readers would announce a list of no items before the text."""
    add(page, "listing", {"query": NOTHING, "display": display})
    ((composed, rendered),) = both_ways(page, http_request)
    assert "composite-listing__items" not in composed
    assert "composite-listing__items" not in rendered


def test_a_collection_links_to_more(page, http_request, news, portal):
    collection = api.content.create(
        container=portal, type="Collection", title="All news", query=NEWS
    )
    add(page, "listing", {"collection": collection.UID(), "display": "titles"})
    ((composed, rendered),) = both_ways(page, http_request)
    assert same_markup(composed, rendered)
    assert (
        f'href="{collection.absolute_url()}" aria-label="More: All news">'
        "More&hellip;</a>"
    ) in composed


def test_messages_translated_as_the_template_does(
    page, http_request, portal, monkeypatch
):
    """The translations' markup (``&hellip;``) is kept as the template keeps
    it."""
    monkeypatch.setattr(Negotiator, "getLanguage", lambda self, langs, env: "de")
    collection = api.content.create(
        container=portal, type="Collection", title="All news", query=NEWS
    )
    api.content.create(container=portal, type="News Item", title="One")
    add(page, "listing", {"collection": collection.UID(), "display": "titles"})
    add(page, "listing", {"query": NOTHING, "display": "titles"})
    pairs = both_ways(page, http_request)
    for composed, rendered in pairs:
        assert same_markup(composed, rendered), (composed, rendered)
    assert "Mehr&hellip;" in pairs[0][0]
    assert "Noch nichts anzuzeigen." in pairs[1][0]


class Brain:
    """A catalog brain's metadata, odd values included."""

    def __init__(self, path, title, description, date):
        self.path = path
        self.Title = title
        self.Description = description
        self.Date = date
        self.image_scales = None

    def getPath(self):
        return self.path

    def getURL(self):
        # What the real brain does, through its acquired request.
        return api.portal.get().REQUEST.physicalPathToURL(self.path)


@pytest.mark.parametrize("display", ["titles", "summaries", "cards"])
def test_odd_metadata_as_the_template_shows_it(
    page, http_request, display, monkeypatch
):
    brains = [
        Brain("/plone/a b/é", None, None, "2026-01-02T03:04:05+00:00"),
        Brain("/plone/q\"'<", MissingValue, MissingValue, "2026-01-02"),
        Brain("/plone/n", 12, "0", None),
        Brain("/plone/m", "", "", MissingValue),
    ]
    monkeypatch.setattr(ListingRenderer, "results", lambda self, limit=None: brains)
    monkeypatch.setattr(ListingRenderer, "date", lambda self, brain: "<date & time>")
    add(page, "listing", {"query": NEWS, "display": display})
    ((composed, rendered),) = both_ways(page, http_request)
    assert same_markup(composed, rendered), (composed, rendered)


class Widget:
    """A stored widget's ``id``, ``type`` and ``settings``."""

    def __init__(self, settings: dict):
        self.id = "w1"
        self.type = "listing"
        self.settings = settings


@pytest.mark.parametrize(
    "odd", [{"display": ["titles"]}, {"display": "table"}, {"title": 7}]
)
def test_a_setting_the_template_reads_its_own_way_is_left_to_it(
    page, http_request, odd
):
    widget_type = get_widget_type("listing")
    widget = Widget({"query": NEWS, **odd})
    renderer = ListingRenderer(widget_type, widget, page, http_request, None)
    assert renderer.compose() is None


def test_a_page_of_listings_calls_no_listing_template(
    page, http_request, news, template_calls
):
    for display in ("titles", "summaries", "cards"):
        add(page, "listing", {"query": NEWS, "display": display})
    html = render(page, http_request)
    assert html.count('<section class="composite-listing">') == 3
    assert template_calls == []


def test_the_shipped_type_is_registered_with_the_composed_template():
    widget_type = get_widget_type("listing")
    assert widget_type.renderer is ListingRenderer
    assert widget_type.template == TEMPLATE == ListingRenderer.composes


def listing_type(template: str, renderer=ListingRenderer) -> WidgetType:
    shipped = get_widget_type("listing")
    return WidgetType(
        "listing",
        shipped.title,
        shipped.schema,
        template,
        shipped.design_template,
        renderer,
    )


def test_a_listing_registered_with_another_template_renders_it(
    page, http_request, tmp_path
):
    other = tmp_path / "listing.pt"
    other.write_text('<p class="our-listing">${python: len(view.results())}</p>')
    add(page, "listing", {"query": NOTHING})
    widget = arrangement.get(page).slots["main"][0]
    widget_type = listing_type(str(other))
    renderer = ListingRenderer(
        widget_type, widget, page, http_request, get_item_resolver(page, http_request)
    )
    assert renderer.render().strip() == '<p class="our-listing">0</p>'


def test_a_renderer_of_its_own_renders_the_template(page, http_request, template_calls):
    class OurListing(ListingRenderer):
        """An integrator's subclass that does not declare ``composes``."""

    add(page, "listing", {"query": NOTHING})
    widget = arrangement.get(page).slots["main"][0]
    widget_type = listing_type(TEMPLATE, OurListing)
    renderer = OurListing(
        widget_type, widget, page, http_request, get_item_resolver(page, http_request)
    )
    assert "composite-listing__empty" in renderer.render()
    assert template_calls == ["listing"]
