"""What design cards show: what the editor recognises (an item's title and
thumbnail, a listing's first titles, a text's words after its heading), never
configuration text; the invitation into design mode on an empty page; layout
titles in the history."""

from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.design.cards import CardRenderer
from lxml import html as lxml_html
from page_fixtures import add
from page_fixtures import as_visitor
from page_fixtures import make_image
from page_fixtures import render
from plone import api
from plone.app.testing import login
from Products.CMFPlone.CatalogTool import CatalogTool
from Products.Five.browser import BrowserView

import pytest


ANY = "plone.app.querystring.operation.selection.any"
DOCUMENTS = [{"i": "portal_type", "o": ANY, "v": "Document"}]
NOTHING = [{"i": "portal_type", "o": ANY, "v": "Event"}]


@pytest.fixture
def documents(portal):
    return [
        api.content.create(
            container=portal, type="Document", id=f"doc{n}", title=f"Notice {n}"
        )
        for n in range(1, 6)
    ]


def card_body(page, request) -> str:
    """The body of the design card of the page's last widget, as design
    mode renders it."""
    widget = arrangement.get(page).widgets[-1]
    return CardRenderer(BrowserView(page, request)).body(widget)


def design_card(page, request, type_name: str, settings: dict):
    """The design card of one new widget, parsed."""
    add(page, type_name, settings)
    html = card_body(page, request)
    return lxml_html.fragment_fromstring(html, create_parent="div")


def texts(elements) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


class TestTextCard:
    def test_leaves_out_the_heading_the_card_title_shows(self, page, http_request):
        text = "<h2>Spring readings</h2><p>Poets read in the hall.</p>"
        card = design_card(page, http_request, "text", {"text": text})
        assert texts(card.cssselect(".composite-card__excerpt")) == [
            "Poets read in the hall."
        ]

    def test_a_text_of_one_heading_shows_no_excerpt_and_is_not_empty(
        self, page, http_request
    ):
        card = design_card(page, http_request, "text", {"text": "<h2>Hours</h2>"})
        assert card.cssselect(".composite-card__excerpt") == []
        assert card.cssselect(".composite-card__empty") == []

    def test_an_empty_text_says_so(self, page, http_request):
        card = design_card(page, http_request, "text", {"text": ""})
        assert texts(card.cssselect(".composite-card__empty")) == ["No text yet."]


class TestContentCard:
    def test_shows_the_items_title_thumbnail_and_description(
        self, portal, page, http_request
    ):
        picture = make_image(portal)
        picture.description = "A square of teal."
        picture.reindexObject()
        card = design_card(
            page, http_request, "content", {"uid": picture.UID(), "display": "full"}
        )
        assert texts(card.cssselect(".composite-card__title")) == ["A teal picture"]
        (thumbnail,) = card.cssselect(".composite-card__thumb img")
        assert "@@images" in thumbnail.get("src")
        assert texts(card.cssselect(".composite-card__excerpt")) == [
            "A square of teal."
        ]

    def test_shows_no_configuration_text(self, portal, page, http_request):
        picture = make_image(portal)
        card = design_card(
            page, http_request, "content", {"uid": picture.UID(), "display": "full"}
        )
        assert "Display" not in card.text_content()
        assert "Full content" not in card.text_content()


class TestListingCard:
    def test_shows_the_first_three_titles(self, page, documents, http_request):
        settings = {"query": DOCUMENTS, "sort_on": "getId", "limit": 5}
        card = design_card(page, http_request, "listing", settings)
        assert texts(card.cssselect(".composite-card__items li")) == [
            "Notice 1",
            "Notice 2",
            "Notice 3",
        ]

    def test_shows_no_more_lines_than_the_listing_shows(
        self, page, documents, http_request
    ):
        settings = {"query": DOCUMENTS, "sort_on": "getId", "limit": 2}
        card = design_card(page, http_request, "listing", settings)
        assert texts(card.cssselect(".composite-card__items li")) == [
            "Notice 1",
            "Notice 2",
        ]

    def test_fills_lines_it_cannot_know_with_fuzzy_bars(self, page, http_request):
        card = design_card(page, http_request, "listing", {"query": NOTHING})
        lines = card.cssselect(".composite-card__items li")
        assert len(lines) == 3
        assert all(line.get("aria-hidden") == "true" for line in lines)
        assert all(line.cssselect(".composite-fuzzy-line") for line in lines)

    def test_asks_the_catalog_for_three_results_in_one_query(
        self, page, documents, http_request, monkeypatch
    ):
        settings = {"query": DOCUMENTS, "sort_on": "getId", "limit": 50}
        add(page, "listing", settings)
        searches = []
        original = CatalogTool.searchResults

        def counting(self, query=None, **kw):
            if "portal_type" in kw:
                searches.append(kw)
            return original(self, query, **kw)

        monkeypatch.setattr(CatalogTool, "searchResults", counting)
        monkeypatch.setattr(CatalogTool, "__call__", counting)
        card_body(page, http_request)
        assert [search["sort_limit"] for search in searches] == [3]

    def test_shows_no_configuration_text(self, page, documents, http_request):
        card = design_card(page, http_request, "listing", {"query": DOCUMENTS})
        assert "criteria" not in card.text_content()
        assert "Up to" not in card.text_content()


class TestEmptyPage:
    def test_invites_a_designer_into_design_mode(self, page, http_request):
        document = lxml_html.fromstring(render(page, http_request))
        (link,) = document.cssselect(".composite-empty-page a")
        assert link.text_content().strip() == "Design this page"
        assert link.get("href") == f"{page.absolute_url()}/@@composite-design"

    def test_shows_visitors_nothing_extra(self, portal, page, http_request):
        as_visitor(portal)
        assert "composite-empty-page" not in render(page, http_request)

    def test_shows_a_reader_without_the_permission_nothing_extra(
        self, portal, page, http_request
    ):
        api.user.create(email="r@example.org", username="reader", password="x" * 12)
        api.user.grant_roles(username="reader", obj=page, roles=["Reader"])
        login(portal, "reader")
        assert "composite-empty-page" not in render(page, http_request)

    def test_is_gone_once_the_page_has_a_widget(self, page, http_request):
        add(page, "text", {"text": "<p>Hello</p>"})
        assert "composite-empty-page" not in render(page, http_request)

    def test_is_gone_while_widgets_wait_in_the_tray(self, page, http_request):
        arrangement.set_layout(page, "two-columns")
        add(page, "text", {"text": "<p>Aside</p>"}, slot="sidebar")
        arrangement.set_layout(page, "one-column")
        assert "composite-empty-page" not in render(page, http_request)


class TestHistoryLayoutTitles:
    def test_a_layout_change_is_described_by_the_layouts_title(
        self, page, http_request
    ):
        arrangement.set_layout(page, "two-columns")
        (revision,) = history.get_revisions(page)
        assert history.describe(revision, http_request, page) == ("Layout: Two columns")

    def test_a_layout_no_longer_registered_is_described_by_its_name(
        self, page, http_request
    ):
        arrangement.set_layout(page, "two-columns")
        (revision,) = history.get_revisions(page)
        revision.summary["layout"] = "gone-layout"
        assert history.describe(revision, http_request, page) == "Layout: gone-layout"
