"""The worked example of docs/widgets.md, the *quote* widget type, works.

The docs show these very files inline (tests/test_docs_inline_examples.py keeps
the copies equal), so an example that stops working fails here.
"""

from collective.composite import arrangement
from collective.composite.exceptions import InvalidSettings
from collective.composite.widgets.rendering import render_widget
from collective.composite.widgets.types import get_widget_type
from collective.composite.widgets.types import get_widget_types
from page_fixtures import add
from page_fixtures import as_visitor
from page_fixtures import render
from pathlib import Path
from plone import api
from plone.app.testing.helpers import popGlobalRegistry
from plone.app.testing.helpers import pushGlobalRegistry
from zope.configuration import xmlconfig

import pytest
import widgets_example


EXAMPLE = Path(widgets_example.__file__).parent
DOCS = Path(__file__).parent.parent / "docs"
SAID = {
    "quote": "A room without books is like a body without a soul.",
    "author": "Cicero",
}


@pytest.fixture
def quote(portal):
    """The example's ZCML loaded as a package would, in a registry of its own
    (which the site's component registry uses as its base) so the quote type
    leaves with the test."""
    pushGlobalRegistry(portal)
    xmlconfig.file("configure.zcml", widgets_example)
    yield get_widget_type("quote")
    popGlobalRegistry(portal)


@pytest.fixture
def quote_page(page, quote):
    """The shared ``page``, the quote type registered. The page comes first:
    its first content version takes a savepoint, which cannot pickle the
    pushed registry."""
    return page


def test_quote_type_is_listed_with_its_title(quote):
    listed = {widget_type.name: widget_type for widget_type in get_widget_types()}
    assert listed["quote"].title == "Quotation"


def test_quote_type_has_the_documented_icon_and_description(quote):
    assert (quote.icon, quote.description) == (
        "blockquote-left",
        "A quotation, with who said it.",
    )


def test_clean_strips_the_quote(portal, quote):
    assert quote.clean({"quote": " Hi "}, portal) == {"quote": "Hi"}


def test_clean_keeps_the_author(portal, quote):
    assert quote.clean(SAID, portal) == SAID


def test_missing_quote_is_refused_naming_it(portal, quote):
    with pytest.raises(InvalidSettings) as raised:
        quote.clean({"author": "Cicero"}, portal)
    assert raised.value.field == "quote"


def test_blank_quote_is_refused_naming_it(portal, quote):
    with pytest.raises(InvalidSettings) as raised:
        quote.clean({"quote": "   "}, portal)
    assert raised.value.field == "quote"


def test_adding_through_the_api_stores_clean_settings(quote_page):
    widget = add(quote_page, "quote", {"quote": "  Read on.  "})
    assert arrangement.get(quote_page).slots["main"][0].settings == {
        "quote": "Read on."
    }
    assert widget.settings == {"quote": "Read on."}


def test_real_view_shows_the_quote_to_visitors(portal, quote_page, http_request):
    add(quote_page, "quote", SAID)
    as_visitor(portal)
    html = render(quote_page, http_request)
    assert "<p>A room without books is like a body without a soul.</p>" in html
    assert '<footer class="blockquote-footer">Cicero</footer>' in html


def test_real_template_leaves_out_a_missing_author(quote_page, http_request):
    widget = add(quote_page, "quote", {"quote": "Read on."})
    html = render_widget(widget, quote_page, http_request)
    assert "<p>Read on.</p>" in html
    assert "blockquote-footer" not in html


def test_real_template_escapes_the_quote(quote_page, http_request):
    widget = add(quote_page, "quote", {"quote": "<b>bold</b> claim"})
    html = render_widget(widget, quote_page, http_request)
    assert "&lt;b&gt;bold&lt;/b&gt; claim" in html


def test_design_card_shows_type_title_and_quote(quote_page, http_request):
    widget = add(quote_page, "quote", SAID)
    html = render_widget(widget, quote_page, http_request, design=True)
    assert '<span class="composite-card__type">Quotation</span>' in html
    assert "“A room without books is like a body without a soul.”" in html


def test_design_card_shows_the_icon(quote_page, http_request):
    widget = add(quote_page, "quote", SAID)
    html = render_widget(widget, quote_page, http_request, design=True)
    assert "bi-blockquote-left" in html


def test_quote_and_author_reach_the_pages_searchable_text(quote_page):
    add(quote_page, "quote", SAID)
    found = [brain.getId for brain in api.content.find(SearchableText="Cicero")]
    assert found == ["page"]


@pytest.mark.parametrize(
    "name",
    [
        "widgets.py",
        "configure.zcml",
        "templates/quote.pt",
        "templates/quote_card.pt",
    ],
)
def test_docs_show_the_example_files(name):
    assert (EXAMPLE / name).is_file()
    text = (DOCS / "widgets.md").read_text()
    assert f"<!-- example: tests/widgets_example/{name} -->" in text
