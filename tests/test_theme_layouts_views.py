"""A theme's layout in the views: the real view renders a page arranged with
it, design mode offers it in the layout switcher (as broken when its template
fails on a real page), and a page arranged with it shows the default layout
once the theme is no longer active."""

from collective.composite import arrangement
from lxml import html as lxml_html
from page_fixtures import add
from page_fixtures import render
from theme_fixtures import activate
from theme_fixtures import feature_files
from theme_fixtures import file_system_theme
from theme_fixtures import ttw_theme

import pytest


@pytest.fixture
def themed_page(page):
    """The integration ``page`` arranged with the fixture theme's ``feature``
    layout, a text widget in its ``lead`` slot, the theme active."""
    with file_system_theme():
        activate("fixture-theme")
        arrangement.set_layout(page, "feature")
        add(page, "text", {"text": "<p>Lead story</p>"}, slot="lead")
        yield page


def test_the_real_view_renders_the_theme_template(themed_page, http_request):
    document = lxml_html.fromstring(render(themed_page, http_request))
    (lead,) = document.cssselect(".feature .feature-lead")
    assert "Lead story" in lead.text_content()
    (title,) = document.cssselect(".feature .feature-title")
    assert title.text_content() == "Our library"


def test_design_mode_offers_the_theme_layout(themed_page, http_request):
    html = render(themed_page, http_request, view="composite-design")
    document = lxml_html.fromstring(html)
    assert document.cssselect('[data-composite-switch-layout="feature"]')


def test_without_the_theme_the_page_shows_the_default_layout(themed_page, http_request):
    activate("barceloneta")
    state = arrangement.get(themed_page)
    assert state.layout == "one-column"
    assert [widget.settings["text"] for widget in state.unplaced] == [
        "<p>Lead story</p>"
    ]


def test_a_theme_template_failing_on_a_real_page_breaks_only_its_layout(
    page, http_request
):
    files = feature_files()
    failing = '<i tal:content="python: context.no_such_attribute"></i>'
    design = files["composite-layouts/feature/feature_design.pt"]
    files["composite-layouts/feature/feature_design.pt"] = design.replace(
        '<div class="composite-design-page">',
        f'<div class="composite-design-page">{failing}',
    )
    ttw_theme("ttw", files)
    activate("ttw")
    arrangement.set_layout(page, "two-columns")
    document = lxml_html.fromstring(render(page, http_request, view="composite-design"))
    (button,) = document.cssselect('[data-composite-switch-layout="feature"]')
    assert "This layout is broken." in button.text_content()
