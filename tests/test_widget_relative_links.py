"""A text widget's relative links, written by the settings dialog's
rich-text editor relative to the page as a folder, are made absolute from
the page's URL, so that they lead where the editor meant."""

from collective.composite import arrangement
from collective.composite.widgets.markup import escape_attribute
from collective.composite.widgets.relative_links import absolute_links
from collective.composite.widgets.relative_links import links_base
from collective.composite.widgets.types import get_widget_type
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from page_fixtures import add
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import pytest


BASE = "https://www.example.org/cms/page/"


@pytest.mark.parametrize(
    ("markup", "made"),
    [
        ('<a href="../news">N</a>', '<a href="https://www.example.org/cms/news">N</a>'),
        ('<a href="sub/item">S</a>', f'<a href="{BASE}sub/item">S</a>'),
        (
            '<img src="../resolveuid/abc/@@images/image/thumb" alt="" />',
            '<img src="https://www.example.org/cms/resolveuid/abc/@@images/image/thumb"'
            ' alt="" />',
        ),
        (
            '<img srcset="a.png 1x,https://cdn.example.org/b.png 2x" />',
            f'<img srcset="{BASE}a.png 1x,https://cdn.example.org/b.png 2x" />',
        ),
        (
            '<a href="../x?a=1&amp;b=2">Q</a>',
            '<a href="https://www.example.org/cms/x?a=1&amp;b=2">Q</a>',
        ),
    ],
)
def test_relative_urls_start_from_the_page_as_a_folder(markup, made):
    assert absolute_links(markup, BASE) == made


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="https://plone.org/">P</a>',
        '<a href="/cms/news">N</a>',
        '<a href="#top">T</a>',
        '<a href="mailto:info@example.org">M</a>',
        '<p>Write href="../news" in the link.</p>',
        '<img srcset="data:image/png;base64,iVBORw0KGgo= 1x" />',
    ],
)
def test_other_urls_and_text_stay_as_they_are(markup):
    assert absolute_links(markup, BASE) == markup


def test_the_composed_text_is_what_the_template_makes(page, http_request):
    add(page, "text", {"text": '<p><a href="../news">News</a></p>'})
    shown = arrangement.get(page).slots["main"][0]
    widget_type = get_widget_type("text")
    renderer = widget_type.renderer(widget_type, shown, page, http_request, None)
    html = ViewPageTemplateFile(widget_type.template)(renderer).strip()
    assert renderer.compose() == html
    site = page.absolute_url().rsplit("/", 1)[0]
    assert f'href="{site}/news"' in html


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["href", "src", "srcset"]))
def test_any_url_gives_markup_and_once_absolute_stays_so(url, attribute):
    markup = f'<a {attribute}="{escape_attribute(url)}">x</a>'
    made = absolute_links(markup, BASE)
    assert made.startswith("<a ")
    assert made.endswith(">x</a>")
    assert absolute_links(made, BASE) == made


class _Page:
    """Stands in for the page: what links_base asks of it."""

    def absolute_url(self) -> str:
        return BASE.rstrip("/")


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["href", "src", "srcset"]), st.sampled_from("\"'"))
def test_markup_without_a_base_has_nothing_to_make_absolute(url, attribute, quote):
    """links_base skips working out the page's URL only for markup in which
    absolute_links would change nothing."""
    markup = f"<a {attribute}={quote}{escape_attribute(url)}{quote}>x</a>"
    if links_base(markup, _Page()) == "":
        assert absolute_links(markup.replace("'", '"'), BASE) == markup.replace(
            "'", '"'
        )


@pytest.mark.parametrize(
    "markup",
    [
        "<p>No link</p>",
        '<a href="https://example.org/1">absolute</a>',
        "<a href='/from/the/root'>root</a>",
        '<a href="#top">fragment</a>',
        '<img src="data:image/png;base64,AAAA" alt="" />',
    ],
)
def test_markup_without_relative_links_needs_no_base(markup):
    assert links_base(markup, _Page()) == ""


def test_markup_with_a_relative_link_gets_the_page_as_a_folder():
    assert links_base('<a href="../news">N</a>', _Page()) == BASE
