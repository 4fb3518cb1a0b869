"""Text and HTML widgets are composed without a page template call, to the
markup their templates make, and their pieces are remembered."""

from collective.composite import arrangement
from collective.composite.widgets import composed as composed_module
from collective.composite.widgets.rendering import render_widget
from collective.composite.widgets.types import get_widget_type
from page_fixtures import add
from page_fixtures import render
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import pytest
import uuid


@pytest.mark.parametrize(
    ("type_name", "settings"),
    [
        ("text", {"text": "<h3>Title</h3><p>Some <strong>bold</strong> words</p>"}),
        ("text", {"text": ""}),
        ("text", {"text": "<script>gone()</script>"}),
        ("html", {"html": "<blockquote><p>Quote</p></blockquote>"}),
        ("html", {}),
    ],
)
def test_a_composed_piece_is_what_the_template_makes(
    page, http_request, type_name, settings
):
    settings = {
        key: value.replace("</p>", f" {uuid.uuid4().hex}</p>")
        for key, value in settings.items()
    }
    add(page, type_name, settings)
    shown = arrangement.get(page).slots["main"][0]
    widget_type = get_widget_type(type_name)
    renderer = widget_type.renderer(widget_type, shown, page, http_request, None)
    html = ViewPageTemplateFile(widget_type.template)(renderer).strip()
    assert renderer.compose() == html


def test_a_page_of_text_and_html_widgets_calls_no_widget_template(
    page, http_request, template_calls
):
    for n in range(3):
        add(page, "text", {"text": f"<p>Text {n}</p>"})
    add(page, "html", {"html": "<p>Embed</p>"})
    html = render(page, http_request)
    assert "Text 2" in html
    assert "Embed" in html
    assert template_calls == []


def test_design_mode_shows_the_card_not_the_piece(page, http_request):
    add(page, "text", {"text": "<p>Text</p>"})
    (widget,) = arrangement.get(page).slots["main"]
    html = render_widget(widget, page, http_request, design=True)
    assert html.startswith('<div class="composite-card composite-card--text">')
    assert 'class="composite-text"' not in html


def test_a_remembered_piece_is_not_filtered_again(page, http_request, monkeypatch):
    add(page, "text", {"text": f"<p>Once {uuid.uuid4().hex}</p>"})
    render(page, http_request)
    filtered = []
    monkeypatch.setattr(
        composed_module, "safe_html", lambda html, context: filtered.append(html)
    )
    assert "Once" in render(page, http_request)
    assert filtered == []
