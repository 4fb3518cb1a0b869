"""Design cards: the markup the editor drags, one per widget, and what the
editor calls a widget (:func:`widget_title`).

Design mode renders a card for every widget of the page; the settings form
renders the body of the card it changed; ``POST @composite-cards`` renders
the bodies of widgets of an arrangement not saved yet.
"""

from collective.composite import _
from collective.composite.design.messages import editor_messages
from collective.composite.design.restrictions import restriction
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.widgets.rendering import fetch_items
from collective.composite.widgets.rendering import get_item_resolver
from collective.composite.widgets.rendering import render_widget
from collective.composite.widgets.text import first_block
from collective.composite.widgets.types import get_widget_type
from functools import cached_property
from html import escape
from typing import NamedTuple
from zope.component import getMultiAdapter
from zope.i18n import translate

import re


TITLE_LENGTH = 48
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# The texts of a card's action buttons (their names say which widget).
_BUTTONS = {"edit": _("Edit"), "duplicate": _("Duplicate"), "remove": _("Remove")}


def widget_title(widget, context, request) -> str:
    """What the editor calls a widget: its heading, the title of the item it
    shows, the start of its text, else its type's title.

    :param widget: the widget (``type``, ``settings``).
    :param context: the composite-enabled page.
    :param request: the request (its item resolver and language).
    :returns: a short plain-text title.
    """
    try:
        widget_type = get_widget_type(widget.type)
    except UnknownWidgetType:
        widget_type = None
    return _title(
        widget,
        widget_type,
        get_item_resolver(context, request),
        context,
        lambda: translate(widget_type.title, context=request),
    )


def _title(widget, widget_type, items, context, type_title) -> str:
    """:func:`widget_title` with the widget's type (None for an unknown one)
    and the request's item resolver at hand; ``type_title()`` gives the
    type's translated title."""
    settings = widget.settings or {}
    heading = settings.get("title")
    if isinstance(heading, str) and heading.strip():
        return _shorten(heading)
    if widget_type is None:
        return widget.type
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
    return type_title()


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


class _Kind(NamedTuple):
    """What the cards of one widget type share within a request."""

    #: the IWidgetType, None for an unknown type (its card is an error card).
    widget_type: object
    #: its title, translated.
    title: str
    #: the URL of its icon, "" without one.
    icon: str
    #: why the user may not edit or duplicate its widgets, "" when they may.
    restricted: str


class CardRenderer:
    """Renders widget cards, the markup the editor drags, for one page and request.

    A card is composed here, without a page template: its texts, and what
    cards of a type share (title, icon, restriction), are worked out once per
    request; the body is the widget's design card, which the shipped types'
    renderers compose too (see ``WidgetRenderer.compose_design``).

    :param view: the browser view the cards are rendered for.
    """

    def __init__(self, view):
        self.view = view
        self.context = view.context
        self.request = view.request
        self._kinds: dict[str, _Kind] = {}
        self._titles: dict[str, tuple[object, str]] = {}

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

    @cached_property
    def items(self):
        """The request's item resolver."""
        return get_item_resolver(self.context, self.request)

    @cached_property
    def buttons(self) -> dict[str, str]:
        """The action buttons' texts, translated and escaped."""
        return {
            action: escape(translate(text, context=self.request), quote=False)
            for action, text in _BUTTONS.items()
        }

    def kind(self, type_name: str) -> _Kind:
        """:returns: what the cards of the widget type ``type_name`` share."""
        kind = self._kinds.get(type_name)
        if kind is None:
            try:
                widget_type = get_widget_type(type_name)
            except UnknownWidgetType:
                # Registered no more (its add-on was removed): the server has
                # no settings form for it and takes no copy of it, so its
                # cards offer only Remove (and moving), and say why.
                kind = _Kind(
                    None, type_name, "", self.say("card.retired", type=type_name)
                )
            else:
                kind = _Kind(
                    widget_type,
                    translate(widget_type.title, context=self.request),
                    self.icons.url(widget_type.icon) if widget_type.icon else "",
                    restriction(widget_type, self.context, self.request),
                )
            self._kinds[type_name] = kind
        return kind

    def icon_url(self, type_name: str) -> str:
        """:returns: the URL of the widget type's icon, "" without one."""
        return self.kind(type_name).icon

    def title(self, widget) -> str:
        """:returns: the widget's title (see :func:`widget_title`), worked
        out once per widget (the view asks for it again for the editor's
        data)."""
        known = self._titles.get(widget.id)
        if known is not None and known[0] is widget:
            return known[1]
        kind = self.kind(widget.type)
        title = _title(
            widget, kind.widget_type, self.items, self.context, lambda: kind.title
        )
        self._titles[widget.id] = (widget, title)
        return title

    def body(self, widget) -> str:
        """:returns: the widget type's design card (or an error or missing card)."""
        return render_widget(widget, self.context, self.request, design=True)

    def card(self, widget) -> str:
        """:returns: the whole card of a widget, as ``docs/editor-markup.md`` says."""
        kind = self.kind(widget.type)
        title = self.title(widget)
        named = escape(title)
        text = escape(title, quote=False)
        label = escape(self.say("card.label", type=kind.title, title=title))
        buttons = self.buttons
        if kind.restricted:
            actions = ""
            restricted = (
                f'<p class="composite-card__restricted">'
                f"{escape(kind.restricted, quote=False)}</p>"
            )
        else:
            actions = (
                f'<button class="composite-card__edit" type="button" '
                f'data-composite-action="edit" '
                f'aria-label="{escape(self.say("card.edit", title=title))}">'
                f"{buttons['edit']}</button>"
                f'<button class="composite-card__duplicate" type="button" '
                f'data-composite-action="duplicate" '
                f'aria-label="{escape(self.say("card.duplicate", title=title))}">'
                f"{buttons['duplicate']}</button>"
            )
            restricted = ""
        icon = (
            f'<img class="composite-card__icon" alt="" src="{escape(kind.icon)}" />'
            if kind.icon
            else ""
        )
        return (
            f'<div class="composite-card" aria-describedby="composite-instructions" '
            f'role="group" tabindex="0" data-widget-id="{escape(widget.id)}" '
            f'data-widget-type="{escape(widget.type)}" '
            f'data-composite-title="{named}" aria-label="{label}">'
            f'<span class="composite-card__handle" aria-hidden="true"></span>{icon}'
            f'<span class="composite-card__title">{text}</span>'
            f'<span class="composite-card__actions">{actions}'
            f'<button class="composite-card__remove" type="button" '
            f'data-composite-action="remove" '
            f'aria-label="{escape(self.say("card.remove", title=title))}">'
            f"{buttons['remove']}</button></span>{restricted}"
            f'<div class="composite-card__body">{self.body(widget)}</div></div>'
        )

    def prefetch(self, widgets) -> None:
        """Look every item the widgets refer to up in one catalog query."""
        fetch_items(self.context, self.request, widgets)
