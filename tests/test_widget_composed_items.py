"""Content item and image widgets are composed without a page template call
(``compose`` of their renderers), to the markup their templates make; a type
registered again with another template or renderer keeps its template."""

from collective.composite import arrangement
from collective.composite.interfaces import IWidgetType
from collective.composite.widgets.content import ContentRenderer
from collective.composite.widgets.content import IContentWidget
from collective.composite.widgets.image import NoImage
from collective.composite.widgets.renderer import WidgetRenderer
from collective.composite.widgets.rendering import get_item_resolver
from collective.composite.widgets.rendering import render_slots
from collective.composite.widgets.rendering import render_widget
from collective.composite.widgets.types import get_widget_type
from collective.composite.widgets.types import WidgetType
from lxml.html import fragment_fromstring
from page_fixtures import add
from page_fixtures import make_image
from page_fixtures import render
from plone import api
from plone.app.textfield.value import RichTextValue
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getGlobalSiteManager

import pytest


# Quotes, markup, an entity and non-ASCII letters, in titles, descriptions,
# alternative texts and captions.
ODD = "Café \"Zürich\" <b>bold</b> & 'single' — ½ < 3 > 2 &amp;"


@pytest.fixture
def items(portal):
    """Items by name: documents with and without a description or text, an
    image titled oddly, an image with a plain title."""
    odd = api.content.create(
        container=portal, type="Document", id="odd", title=ODD, description=ODD
    )
    odd.text = RichTextValue(f"<p>{ODD.replace('&', '&amp;')}</p>", "text/html")
    plain = api.content.create(
        container=portal, type="Document", id="plain", title="Plain"
    )
    picture = make_image(portal, "odd-picture", ODD)
    picture.description = ODD
    picture.reindexObject()
    return {
        "odd": odd,
        "plain": plain,
        "picture": picture,
        "plain-picture": make_image(portal, "plain-picture", "A picture"),
    }


def shape(element) -> tuple:
    """An element as what a browser makes of it: tag, attributes, text and
    children, whitespace runs between and around tags ignored."""
    return (
        element.tag,
        dict(element.attrib),
        " ".join((element.text or "").split()),
        [shape(child) for child in element],
        " ".join((element.tail or "").split()),
    )


def same_markup(composed: str, template: str) -> bool:
    """:returns: whether both fragments parse to the same elements,
    attributes and text."""
    return shape(fragment_fromstring(composed, create_parent="div")) == shape(
        fragment_fromstring(template, create_parent="div")
    )


def both_ways(page, request, type_name: str, settings: dict) -> tuple[str, str]:
    """A widget's HTML composed and rendered by its template.

    :returns: ``(composed, template)``.
    """
    add(page, type_name, settings)
    widget = arrangement.get(page).slots["main"][-1]
    widget_type = get_widget_type(type_name)
    items = get_item_resolver(page, request)
    renderer = widget_type.renderer(widget_type, widget, page, request, items)
    template = ViewPageTemplateFile(widget_type.template)(renderer)
    composed = renderer.compose()
    assert composed is not None
    return composed, template


@pytest.mark.parametrize("display", ["title", "summary", "full"])
@pytest.mark.parametrize("item", ["odd", "plain", "picture", "plain-picture"])
def test_a_content_item_is_composed_as_its_template_makes_it(
    page, items, http_request, display, item
):
    composed, template = both_ways(
        page, http_request, "content", {"uid": items[item].UID(), "display": display}
    )
    assert same_markup(composed, template), (composed, template)


@pytest.mark.parametrize(
    "settings",
    [
        {"scale": "preview", "alt": ODD, "caption": ODD},
        {"scale": "large"},
        {"scale": "thumb", "alt": ""},
        {"scale": "preview", "caption": ""},
        {"alt": "A short text", "caption": "Plain caption"},
    ],
)
@pytest.mark.parametrize("item", ["picture", "plain-picture"])
def test_an_image_is_composed_as_its_template_makes_it(
    page, items, http_request, settings, item
):
    composed, template = both_ways(
        page, http_request, "image", {"uid": items[item].UID(), **settings}
    )
    assert same_markup(composed, template), (composed, template)


def test_odd_text_is_escaped(page, items, http_request):
    composed, _template = both_ways(
        page,
        http_request,
        "content",
        {"uid": items["odd"].UID(), "display": "summary"},
    )
    assert "<b>" not in composed
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; 'single'" in composed
    assert "&amp;amp;" in composed


def test_an_item_without_an_image_is_the_same_error_both_ways(
    page, items, http_request
):
    add(page, "image", {"uid": items["plain"].UID()})
    widget = arrangement.get(page).slots["main"][0]
    widget_type = get_widget_type("image")
    items_ = get_item_resolver(page, http_request)
    renderer = widget_type.renderer(widget_type, widget, page, http_request, items_)
    with pytest.raises(NoImage):
        renderer.compose()
    with pytest.raises(NoImage):
        ViewPageTemplateFile(widget_type.template)(renderer)
    html = render(page, http_request)
    assert "composite-card--error" in html
    # Without the template's own details (expression, file, variables).
    assert f"The item {items['plain'].absolute_url()} has no image.</span>" in html


def test_a_page_of_items_and_images_calls_no_widget_template(
    page, items, http_request, template_calls
):
    for display in ("title", "summary", "full"):
        add(page, "content", {"uid": items["odd"].UID(), "display": display})
    add(page, "image", {"uid": items["picture"].UID(), "caption": "Below"})
    html = render(page, http_request)
    assert html.count("composite-widget-content") == 3
    assert "Below" in html
    assert template_calls == []


def test_the_page_is_the_same_composed_or_rendered_by_templates(
    page, items, http_request, monkeypatch
):
    for item in items.values():
        for display in ("title", "summary", "full"):
            add(page, "content", {"uid": item.UID(), "display": display})
    for item in ("picture", "plain-picture"):
        add(page, "image", {"uid": items[item].UID(), "alt": ODD, "caption": ODD})
    add(page, "text", {"text": f"<p>{ODD.replace('&', '&amp;')}</p>"})
    add(page, "html", {"html": "<blockquote><p>Quote</p></blockquote>"})
    slots = arrangement.get(page).slots
    composed = render_slots(page, http_request, slots)["main"]
    monkeypatch.setattr(
        WidgetRenderer, "render", lambda self: self.widget_type.render(self)
    )
    template = render_slots(page, http_request, slots)["main"]
    assert composed.count("composite-widget ") == 16
    assert same_markup(composed, template)


@pytest.mark.parametrize("type_name", ["content", "image"])
def test_design_mode_shows_the_card_not_the_piece(page, items, http_request, type_name):
    add(page, type_name, {"uid": items["picture"].UID()})
    (widget,) = arrangement.get(page).slots["main"]
    html = render_widget(widget, page, http_request, design=True)
    assert html.startswith(f'<div class="composite-card composite-card--{type_name}">')


@pytest.fixture
def registered():
    """Register a widget type again (an integrator's override) for the test."""
    registry = getGlobalSiteManager()
    shipped = {}

    def register(widget_type):
        shipped.setdefault(widget_type.name, get_widget_type(widget_type.name))
        registry.registerUtility(widget_type, IWidgetType, widget_type.name)

    yield register
    for name, widget_type in shipped.items():
        registry.registerUtility(widget_type, IWidgetType, name)


def content_type(template: str, renderer) -> WidgetType:
    shipped = get_widget_type("content")
    return WidgetType(
        name="content",
        title="Content item",
        schema=IContentWidget,
        template=template,
        design_template=shipped.design_template,
        renderer=renderer,
    )


def test_a_type_registered_with_another_template_gets_its_template(
    page, items, http_request, registered, template_calls, tmp_path
):
    template = tmp_path / "content.pt"
    template.write_text('<p class="our-item">${python: view.brain.Title}</p>')
    registered(content_type(str(template), ContentRenderer))
    add(page, "content", {"uid": items["plain"].UID()})
    assert '<p class="our-item">Plain</p>' in render(page, http_request)
    assert template_calls == ["content"]


def test_a_subclass_of_the_renderer_gets_the_template(
    page, items, http_request, registered, template_calls
):
    class OurRenderer(ContentRenderer):
        def image_tag(self, brain, scale, alt=None, css_class=""):
            return "<img />"

    registered(content_type(get_widget_type("content").template, OurRenderer))
    add(page, "content", {"uid": items["picture"].UID(), "display": "summary"})
    html = render(page, http_request)
    assert '<a aria-hidden="true"' in html
    assert "<img />" in html
    assert template_calls == ["content"]


def test_a_subclass_declaring_it_composes_is_composed(
    page, items, http_request, registered, template_calls
):
    class OurRenderer(ContentRenderer):
        composes = ContentRenderer.composes

    registered(content_type(ContentRenderer.composes, OurRenderer))
    add(page, "content", {"uid": items["plain"].UID(), "display": "title"})
    assert ">Plain</a>" in render(page, http_request)
    assert template_calls == []
