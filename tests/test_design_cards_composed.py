"""Design cards are composed without page templates: the shipped types' card
bodies (their renderers' ``compose_design``) to what their design templates
make, but for the whitespace between elements, and the card around them
(``design.cards``) to the markup ``docs/editor-markup.md`` describes. An
integrator's type keeps its template, and so do the missing-item and error
cards."""

from collective.composite import arrangement
from collective.composite.design.cards import CardRenderer
from collective.composite.widgets import card_words as card_words_module
from collective.composite.widgets.rendering import get_item_resolver
from collective.composite.widgets.text import TextRenderer
from collective.composite.widgets.types import get_widget_type
from dataclasses import replace
from html import escape
from lxml import html as lxml_html
from page_fixtures import add
from page_fixtures import make_image
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.annotation.interfaces import IAnnotations
from zope.pagetemplate.pagetemplate import PageTemplate

import pytest
import re


ODD = 'Tom & "Jerry" <b>café</b> — ünïcödé'
# ODD as plain text, and as HTML saying it.
TITLE = 'Tom & "Jerry" <café> — ünïcödé'
TITLE_HTML = escape(TITLE)
ANY = "plone.app.querystring.operation.selection.any"
NEWS = [{"i": "portal_type", "o": ANY, "v": "News Item"}]


@pytest.fixture
def template_calls(monkeypatch) -> list:
    """Every page template rendered, by its file name."""
    calls = []
    original = PageTemplate.pt_render

    def counted(self, *args, **kwargs):
        calls.append(getattr(self, "filename", repr(self)).rsplit("/", 1)[-1])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PageTemplate, "pt_render", counted)
    return calls


@pytest.fixture
def picture(portal):
    image = make_image(portal, title=f"A {ODD} picture")
    image.description = f"Described: {ODD}"
    image.reindexObject()
    return image


@pytest.fixture
def plain(portal):
    """A Document: no image."""
    return api.content.create(
        container=portal,
        type="Document",
        id="plain",
        title=ODD,
        description=f"About {ODD}",
    )


def cards_of(page, request) -> CardRenderer:
    # A new request's item resolver: items are looked up afresh.
    IAnnotations(request).pop("collective.composite.items", None)
    return CardRenderer(BrowserView(page, request))


def widget_of(page):
    (widget,) = arrangement.get(page).slots["main"]
    return widget


def template_card(page, request, widget) -> str:
    """The widget's design card as its type's design template renders it."""
    widget_type = get_widget_type(widget.type)
    renderer = widget_type.renderer(
        widget_type, widget, page, request, get_item_resolver(page, request)
    )
    return widget_type.render(renderer, design=True)


def canonical(html: str):
    """The tree of ``html`` as a browser shows it, whitespace aside: tags,
    attributes and texts, with runs of whitespace made one space, the
    whitespace at the start and end of an element's content and text nodes
    of whitespace only left out."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")

    def squeeze(text, first: bool, last: bool) -> str:
        text = re.sub(r"\s+", " ", text or "")
        text = text.lstrip() if first else text
        text = text.rstrip() if last else text
        return "" if not text.strip() else text

    def walk(element):
        children = list(element)
        return (
            element.tag,
            sorted(element.attrib.items()),
            squeeze(element.text, True, not children),
            [
                (walk(child), squeeze(child.tail, False, n == len(children) - 1))
                for n, child in enumerate(children)
            ],
        )

    return walk(root)


def whitespace_nodes(html: str) -> list[str]:
    """Text nodes of whitespace only, but for the spaces between fuzzy words."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    found = []
    for element in root.iter():
        if element.text is not None and not element.text.strip():
            found.append(element.text)
        fuzzy = "composite-fuzzy" in (element.getparent() or root).get("class", "")
        if element.tail is not None and not element.tail.strip() and not fuzzy:
            found.append(element.tail)
    return found


def check_composed_as_its_template(page, request, type_name: str) -> None:
    """The card body of the page's widget, composed, is what its type's design
    template makes, but for whitespace, and has no text of whitespace only."""
    widget = widget_of(page)
    composed = cards_of(page, request).body(widget)
    template = template_card(page, request, widget)
    assert f"composite-card--{type_name}" in composed
    assert canonical(composed) == canonical(template)
    assert whitespace_nodes(composed) == []


LONG = " ".join(f"wörd{n}" for n in range(60))
CASES = {
    "text with a heading": ("text", {"text": f"<h2>{ODD}</h2><p>{ODD} &amp; co</p>"}),
    "text of one paragraph": ("text", {"text": f"<p>{ODD}</p>"}),
    "long text": ("text", {"text": f"<h3>Title</h3><p>{LONG}</p>"}),
    "empty text": ("text", {"text": ""}),
    "text of markup only": ("text", {"text": "<p><br></p>"}),
    "html": ("html", {"html": f"<p class='x' title=\"{ODD}\">{ODD}</p>"}),
    "long html": ("html", {"html": "<p>" + "<b>&amp;</b>" * 40 + "</p>"}),
    "empty html": ("html", {"html": ""}),
    "no html": ("html", {}),
    "listing with a heading": (
        "listing",
        {"title": ODD, "query": [{"i": "portal_type", "o": ANY, "v": "Image"}]},
    ),
    "listing of nothing": (
        "listing",
        {"query": [{"i": "portal_type", "o": ANY, "v": "Event"}], "limit": 2},
    ),
    "listing of one line": (
        "listing",
        {"query": [{"i": "portal_type", "o": ANY, "v": "Document"}], "limit": 1},
    ),
}
ITEM_CASES = {
    "image with an alt": ("image", "picture", {"alt": ODD}),
    "decorative image": ("image", "picture", {"alt": ""}),
    "image with the title as alt": ("image", "picture", {}),
    "content with an image": ("content", "picture", {"display": "summary"}),
    "content without an image": ("content", "plain", {"display": "title"}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_composed_card_is_what_its_template_makes(
    page, http_request, picture, plain, case
):
    type_name, settings = CASES[case]
    add(page, type_name, settings)
    check_composed_as_its_template(page, http_request, type_name)


@pytest.mark.parametrize("case", sorted(ITEM_CASES))
def test_a_composed_card_of_an_item_is_what_its_template_makes(
    page, http_request, picture, plain, case
):
    type_name, item, settings = ITEM_CASES[case]
    uid = {"picture": picture, "plain": plain}[item].UID()
    add(page, type_name, {"uid": uid, **settings})
    check_composed_as_its_template(page, http_request, type_name)


def test_texts_are_escaped_once(page, http_request, picture):
    add(page, "image", {"uid": picture.UID(), "alt": ODD})
    html = cards_of(page, http_request).body(widget_of(page))
    (alt,) = lxml_html.fragment_fromstring(html).cssselect(".composite-card__meta q")
    assert alt.text == ODD
    assert "<b>café" not in html


def test_shipped_cards_call_no_page_template(
    page, http_request, picture, plain, template_calls
):
    for type_name, settings in CASES.values():
        add(page, type_name, settings)
    for type_name, item, settings in ITEM_CASES.values():
        uid = {"picture": picture, "plain": plain}[item].UID()
        add(page, type_name, {"uid": uid, **settings})
    cards = cards_of(page, http_request)
    widgets = arrangement.get(page).widgets
    cards.prefetch(widgets)
    template_calls.clear()
    html = "".join(cards.card(widget) for widget in widgets)
    assert html.count('<div class="composite-card" ') == len(widgets)
    assert template_calls == []


def test_an_overridden_design_template_is_rendered(
    page, http_request, tmp_path, monkeypatch, template_calls
):
    override = tmp_path / "my_text_card.pt"
    override.write_text('<p class="mine">${view/settings/text}</p>')
    widget_type = get_widget_type("text")
    monkeypatch.setattr(widget_type, "design_template", str(override))
    monkeypatch.setattr(
        widget_type, "_design_template", ViewPageTemplateFile(str(override))
    )
    add(page, "text", {"text": "<p>Mine</p>"})
    html = cards_of(page, http_request).card(widget_of(page))
    assert '<p class="mine">&lt;p&gt;Mine&lt;/p&gt;</p>' in html
    assert template_calls == ["my_text_card.pt"]


class Shouting(TextRenderer):
    """An integrator's renderer, not declaring it composes the card."""

    def excerpt(self, length=160):
        return super().excerpt(length).upper()


class Declaring(Shouting):
    composes_design = TextRenderer.composes_design


class Declining(Declaring):
    def compose_design(self):
        return None


@pytest.mark.parametrize(
    ("renderer", "templates"),
    [(Shouting, ["text_card.pt"]), (Declaring, []), (Declining, ["text_card.pt"])],
)
def test_a_card_is_composed_only_by_a_renderer_declaring_it_composes_it(
    page, http_request, monkeypatch, template_calls, renderer, templates
):
    monkeypatch.setattr(get_widget_type("text"), "renderer", renderer)
    add(page, "text", {"text": "<h2>Hi</h2><p>quiet words</p>"})
    html = cards_of(page, http_request).body(widget_of(page))
    assert "QUIET WORDS" in html
    assert template_calls == templates


def test_the_cards_texts_are_translated_once_per_request(
    page, http_request, monkeypatch
):
    translated = []
    original = card_words_module.translate
    monkeypatch.setattr(
        card_words_module,
        "translate",
        lambda message, **kw: translated.append(message) or original(message, **kw),
    )
    for _n in range(2):
        add(page, "text", {"text": ""})
        add(page, "html", {"html": ""})
    widgets = arrangement.get(page).widgets
    for _view in range(2):
        cards = cards_of(page, http_request)
        assert all("__empty" in cards.body(widget) for widget in widgets)
    assert len(translated) == len(set(translated))
    assert {"Text", "No text yet.", "No markup yet."} <= set(translated)


def test_a_missing_item_shows_the_missing_card(page, http_request, plain):
    add(page, "content", {"uid": plain.UID()})
    api.content.delete(plain, check_linkintegrity=False)  # "Delete anyway"
    widget = widget_of(page)
    html = cards_of(page, http_request).body(widget)
    assert "composite-card--missing" in html


def test_a_failing_card_shows_the_error_card_with_its_reason(page, http_request, plain):
    # An image widget showing an item without an image fails (NoImage).
    add(page, "image", {"uid": plain.UID()})
    html = cards_of(page, http_request).body(widget_of(page))
    assert "composite-card--error" in html
    assert "has no image." in html


def test_an_unknown_type_shows_the_error_card(page, http_request):
    add(page, "text", {"text": "<p>Soon gone</p>"})
    widget = replace(widget_of(page), type="vanished")
    html = cards_of(page, http_request).card(widget)
    card = lxml_html.fragment_fromstring(html)
    assert card.get("data-widget-type") == "vanished"
    assert card.cssselect(".composite-card__icon") == []
    assert card.cssselect(".composite-card__body .composite-card--error")


class TestTheCard:
    """The card around the body, as docs/editor-markup.md describes it."""

    @pytest.fixture
    def card(self, page, http_request):
        add(page, "text", {"text": f"<h2>{TITLE_HTML}</h2><p>Words</p>"})
        html = cards_of(page, http_request).card(widget_of(page))
        assert whitespace_nodes(html) == []
        return lxml_html.fragment_fromstring(html)

    def test_is_a_focusable_named_group(self, card, page):
        widget = widget_of(page)
        assert dict(card.attrib) == {
            "class": "composite-card",
            "aria-describedby": "composite-instructions",
            "role": "group",
            "tabindex": "0",
            "data-widget-id": widget.id,
            "data-widget-type": "text",
            "data-composite-title": TITLE,
            "aria-label": f"Text: {TITLE}",
        }

    def test_has_its_parts_in_order(self, card):
        assert [child.get("class") for child in card] == [
            "composite-card__handle",
            "composite-card__icon",
            "composite-card__title",
            "composite-card__actions",
            "composite-card__body",
        ]
        handle, icon, title, _actions, body = card
        assert handle.get("aria-hidden") == "true"
        assert icon.get("alt") == ""
        assert icon.get("src").endswith("text-paragraph.svg")
        assert title.text == TITLE
        assert body.cssselect(".composite-card--text .composite-card__excerpt")

    def test_names_its_buttons_after_the_widget(self, card):
        buttons = card.cssselect(".composite-card__actions > button")
        assert [
            (b.get("data-composite-action"), b.text, b.get("aria-label"), b.get("type"))
            for b in buttons
        ] == [
            ("edit", "Edit", f"Edit {TITLE}", "button"),
            ("duplicate", "Duplicate", f"Duplicate {TITLE}", "button"),
            ("remove", "Remove", f"Remove {TITLE}", "button"),
        ]

    def test_of_a_restricted_type_offers_remove_and_says_why(
        self, page, http_request, monkeypatch
    ):
        from collective.composite.design import cards as cards_module

        monkeypatch.setattr(
            cards_module, "restriction", lambda *args: "Not for <you> & me."
        )
        add(page, "text", {"text": "<p>Hi</p>"})
        html = cards_of(page, http_request).card(widget_of(page))
        card = lxml_html.fragment_fromstring(html)
        assert [b.get("data-composite-action") for b in card.cssselect("button")] == [
            "remove"
        ]
        (why,) = card.cssselect(
            ".composite-card__actions + .composite-card__restricted"
        )
        assert why.text == "Not for <you> & me."
        assert why.getnext().get("class") == "composite-card__body"


def test_what_cards_of_a_type_share_is_worked_out_once(page, http_request, monkeypatch):
    from collective.composite.design import cards as cards_module

    asked = []
    original = cards_module.restriction
    monkeypatch.setattr(
        cards_module,
        "restriction",
        lambda widget_type, *args: (
            asked.append(widget_type.name) or original(widget_type, *args)
        ),
    )
    for n in range(3):
        add(page, "text", {"text": f"<p>Card {n}</p>"})
    add(page, "html", {"html": "<p>Embed</p>"})
    cards = cards_of(page, http_request)
    for widget in arrangement.get(page).widgets:
        cards.card(widget)
    assert sorted(asked) == ["html", "text"]


@pytest.mark.parametrize(
    ("type_name", "settings"),
    [
        ("text", {"text": "<h2>Opening hours</h2><p>Nine to five</p>"}),
        ("text", {"text": ""}),
        ("html", {"html": "<p>An embed</p>"}),
        ("listing", {"title": ODD, "query": NEWS}),
        ("content", {"uid": "plain"}),
    ],
)
def test_a_cards_title_is_the_widgets_title(
    page, http_request, plain, monkeypatch, type_name, settings
):
    from collective.composite.design import cards as cards_module
    from collective.composite.design.cards import widget_title

    if settings.get("uid") == "plain":
        settings = {"uid": plain.UID()}
    add(page, type_name, settings)
    widget = widget_of(page)
    cards = cards_of(page, http_request)
    worked_out = []
    original = cards_module._title
    monkeypatch.setattr(
        cards_module, "_title", lambda *args: worked_out.append(1) or original(*args)
    )
    assert cards.title(widget) == widget_title(widget, page, http_request)
    cards.card(widget)
    assert len(worked_out) == 2  # once for the card, once for widget_title
