"""Design cards: the markup the editor drags, one per widget, and what the
editor calls a widget (:func:`widget_title`).

Design mode renders a card for every widget of the page; the settings form
renders the body of the card it changed; ``POST @composite-cards`` renders
the bodies of widgets of an arrangement not saved yet.
"""

from collective.composite.design.messages import editor_messages
from collective.composite.design.restrictions import restriction
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.widgets.rendering import fetch_items
from collective.composite.widgets.rendering import get_item_resolver
from collective.composite.widgets.rendering import render_widget
from collective.composite.widgets.text import first_block
from collective.composite.widgets.types import get_widget_type
from functools import cached_property
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getMultiAdapter
from zope.i18n import translate

import re


TITLE_LENGTH = 48
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def widget_title(widget, context, request) -> str:
    """What the editor calls a widget: its heading, the title of the item it
    shows, the start of its text, else its type's title.

    :param widget: the widget (``type``, ``settings``).
    :param context: the composite-enabled page.
    :param request: the request (its item resolver and language).
    :returns: a short plain-text title.
    """
    settings = widget.settings or {}
    heading = settings.get("title")
    if isinstance(heading, str) and heading.strip():
        return _shorten(heading)
    try:
        widget_type = get_widget_type(widget.type)
    except UnknownWidgetType:
        return widget.type
    items = get_item_resolver(context, request)
    for uid in widget_type.references(settings):
        brain = items.brain(uid)
        if brain is not None and brain.Title:
            return _shorten(brain.Title)
    first = first_block(settings.get("text"))
    if first:
        return _shorten(first)
    try:
        text = widget_type.renderer.searchable_text(settings, context)
    except Exception:
        # The title is a convenience: broken settings show as an error card.
        text = ""
    if text and text.strip():
        return _shorten(text)
    return translate(widget_type.title, context=request)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= TITLE_LENGTH:
        return text
    return text[:TITLE_LENGTH].rsplit(" ", 1)[0] + "…"


def fill(template: str, **params) -> str:
    """Fill the editor's ``{name}`` placeholders in one pass."""
    return _PLACEHOLDER.sub(
        lambda match: str(params.get(match.group(1), match.group(0))), template
    )


class CardRenderer:
    """Renders widget cards, the markup the editor drags, for one page and request.

    :param view: the browser view the cards are rendered for.
    """

    template = ViewPageTemplateFile("templates/design_card.pt")

    def __init__(self, view):
        self.view = view
        self.context = view.context
        self.request = view.request

    @cached_property
    def messages(self) -> dict[str, str]:
        return editor_messages(self.request)

    def say(self, key: str, **params) -> str:
        """An editor message with its ``{placeholders}`` filled in, as the
        editor itself would say it."""
        return fill(self.messages[key], **params)

    @cached_property
    def icons(self):
        return getMultiAdapter((self.context, self.request), name="iconresolver")

    def icon_url(self, type_name: str) -> str:
        """:returns: the URL of the widget type's icon, "" without one."""
        try:
            icon = get_widget_type(type_name).icon
        except UnknownWidgetType:
            icon = ""
        return self.icons.url(icon) if icon else ""

    def type_title(self, type_name: str) -> str:
        try:
            return translate(get_widget_type(type_name).title, context=self.request)
        except UnknownWidgetType:
            return type_name

    def restriction(self, type_name: str) -> str:
        """:returns: why the user may not edit or duplicate widgets of the
        type, "" when they may (or the type is unknown: its error card says so)."""
        try:
            widget_type = get_widget_type(type_name)
        except UnknownWidgetType:
            return ""
        return restriction(widget_type, self.context, self.request)

    def body(self, widget) -> str:
        """:returns: the widget type's design card (or an error or missing card)."""
        return render_widget(widget, self.context, self.request, design=True)

    def card(self, widget) -> str:
        """:returns: the whole card of a widget, as ``docs/editor-markup.md`` says."""
        title = widget_title(widget, self.context, self.request)
        return self.template(
            self.view,
            widget=widget,
            title=title,
            label=self.say(
                "card.label", type=self.type_title(widget.type), title=title
            ),
            edit=self.say("card.edit", title=title),
            duplicate=self.say("card.duplicate", title=title),
            remove=self.say("card.remove", title=title),
            restricted=self.restriction(widget.type),
            icon=self.icon_url(widget.type),
            body=self.body(widget),
        )

    def prefetch(self, widgets) -> None:
        """Look every item the widgets refer to up in one catalog query."""
        fetch_items(self.context, self.request, widgets)
