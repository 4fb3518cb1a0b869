"""A listing's "More…" link is named for the listing it ends and the
collection it goes to: "More: <heading> (<collection's title>)", the title
once when the heading says it, or the collection's title alone for a listing
without a heading, in the visitor's language. A page of several listings
otherwise gives a screen reader's list of links "More…, More…, More…", and
two listings of one heading two links of one name going to different places
(WCAG 2.4.4, 2.4.9); the name starts with the visible word, so speech input
finds it (WCAG 2.5.3)."""

from lxml import html as lxml_html
from page_fixtures import add
from page_fixtures import render
from plone import api
from test_i18n import LANGUAGES
from test_listing_composed import both_ways
from test_listing_composed import same_markup
from zope.i18n import translate
from zope.i18n.negotiator import Negotiator

import pytest


ANY = "plone.app.querystring.operation.selection.any"
NEWS = [{"i": "portal_type", "o": ANY, "v": ["News Item"]}]
EVENTS = [{"i": "portal_type", "o": ANY, "v": ["Event"]}]
DOMAIN = "collective.composite"


@pytest.fixture
def collections(portal):
    """The collections All news and All events, each finding one item."""
    api.content.create(container=portal, type="News Item", title="Opening")
    api.content.create(container=portal, type="Event", title="Fair")
    return (
        api.content.create(
            container=portal, type="Collection", title="All news", query=NEWS
        ),
        api.content.create(
            container=portal, type="Collection", title="All events", query=EVENTS
        ),
    )


def more_links(html: str) -> dict[str, str]:
    """The "More…" links of the listings in ``html``: href -> accessible name."""
    tree = lxml_html.fromstring(html)
    return {
        link.get("href"): link.get("aria-label")
        for link in tree.cssselect(".composite-listing__more a")
    }


def speak(monkeypatch, language: str) -> None:
    """The requests from now on negotiate ``language``."""
    monkeypatch.setattr(Negotiator, "getLanguage", lambda self, langs, env: language)


def test_the_link_is_named_for_the_listing_heading_and_its_collection(
    page, http_request, collections
):
    news, _events = collections
    add(page, "listing", {"title": "Latest", "collection": news.UID()})
    ((composed, rendered),) = both_ways(page, http_request)
    assert same_markup(composed, rendered), (composed, rendered)
    assert more_links(composed) == {news.absolute_url(): "More: Latest (All news)"}


def test_a_heading_saying_the_collections_title_names_it_once(
    page, http_request, collections
):
    news, _events = collections
    add(page, "listing", {"title": "all  News", "collection": news.UID()})
    ((composed, rendered),) = both_ways(page, http_request)
    assert same_markup(composed, rendered), (composed, rendered)
    assert more_links(composed) == {news.absolute_url(): "More: all  News"}


def test_two_listings_of_one_heading_have_links_of_their_own_names(
    page, http_request, collections
):
    """Two "What's on" listings, of the news and of the events: their links
    go to different places, and say so."""
    news, events = collections
    add(page, "listing", {"title": "What's on", "collection": news.UID()})
    add(page, "listing", {"title": "What's on", "collection": events.UID()})
    html = render(page, http_request)
    assert more_links(html) == {
        news.absolute_url(): "More: What's on (All news)",
        events.absolute_url(): "More: What's on (All events)",
    }


def test_a_listing_without_heading_names_its_collection(
    page, http_request, collections
):
    news, _events = collections
    add(page, "listing", {"collection": news.UID()})
    ((composed, rendered),) = both_ways(page, http_request)
    assert same_markup(composed, rendered), (composed, rendered)
    assert more_links(composed) == {news.absolute_url(): "More: All news"}


def test_a_heading_is_escaped_in_the_name(page, http_request, collections):
    news, _events = collections
    add(page, "listing", {"title": 'Tom & "Jerry" <b>', "collection": news.UID()})
    ((composed, rendered),) = both_ways(page, http_request)
    assert same_markup(composed, rendered), (composed, rendered)
    assert 'aria-label="More: Tom &amp; &quot;Jerry&quot; &lt;b&gt; (All' in composed
    assert more_links(composed) == {
        news.absolute_url(): 'More: Tom & "Jerry" <b> (All news)'
    }


def test_the_listings_of_a_page_have_links_of_their_own_names(
    page, http_request, collections
):
    news, events = collections
    add(page, "listing", {"title": "Latest", "collection": news.UID()})
    add(page, "listing", {"title": "Coming up", "collection": events.UID()})
    add(page, "listing", {"collection": events.UID(), "display": "titles"})
    links = lxml_html.fromstring(render(page, http_request)).cssselect(
        ".composite-listing__more a"
    )
    assert [(link.get("aria-label"), link.text) for link in links] == [
        ("More: Latest (All news)", "More\u2026"),
        ("More: Coming up (All events)", "More\u2026"),
        ("More: All events", "More\u2026"),
    ]


def test_a_german_visitor_after_an_english_one_gets_the_german_name(
    page, http_request, collections, monkeypatch
):
    """Nothing remembered between views (the listings' results are, by
    language) gives a visitor the name in another visitor's language."""
    news, _events = collections
    add(page, "listing", {"title": "Latest", "collection": news.UID()})
    speak(monkeypatch, "en")
    assert more_links(render(page, http_request)) == {
        news.absolute_url(): "More: Latest (All news)"
    }
    speak(monkeypatch, "de")
    http_request.set("LANGUAGE", "de")
    html = render(page, http_request)
    assert more_links(html) == {news.absolute_url(): "Mehr: Latest (All news)"}
    assert "Mehr&hellip;" in html
    ((composed, rendered),) = both_ways(page, http_request)
    assert same_markup(composed, rendered), (composed, rendered)


# The names' messages, and the words they are given.
NAMES = {
    "More: ${listing}": {"listing": "X"},
    "More: ${listing} (${collection})": {"listing": "X", "collection": "Y"},
}


@pytest.mark.parametrize("message", NAMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_starts_with_the_visible_word(language, message):
    """Label in name (WCAG 2.5.3): the name starts with the link's visible
    text, its ellipsis aside, in every shipped language."""
    visible = translate("More&hellip;", domain=DOMAIN, target_language=language)
    mapping = NAMES[message]
    name = translate(message, domain=DOMAIN, target_language=language, mapping=mapping)
    assert visible != "More&hellip;", "not translated"
    assert name.startswith(visible.removesuffix("&hellip;")), (visible, name)
    assert all(words in name for words in mapping.values()), name
