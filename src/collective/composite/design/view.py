"""``@@composite-design``: design mode, the page the drag-and-drop editor runs on.

The view renders the markup of ``docs/editor-markup.md``: the layout's design
template (the page as colour blocks and fuzzy text) with every widget as a card,
the other layouts' design templates for the layout switcher, the tray of unplaced
widgets, the palette, the toolbar and the data the editor starts from. It only
reads: the editor saves through the ``@composite`` REST service.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from collective.composite import arrangement
from collective.composite.arrangement import locking
from collective.composite.design.messages import editor_messages
from collective.composite.design.restrictions import may_change
from collective.composite.design.restrictions import restriction
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.layouts.registry import get_layout
from collective.composite.layouts.registry import get_layouts
from collective.composite.layouts.registry import render_layout
from collective.composite.services.composite.get import serialize
from collective.composite.services.locks import localized_time
from collective.composite.services.locks import lock_data
from collective.composite.widgets.rendering import get_item_resolver
from collective.composite.widgets.rendering import render_widget
from collective.composite.widgets.text import first_block
from collective.composite.widgets.types import get_widget_type
from collective.composite.widgets.types import get_widget_types
from functools import cached_property
from html import escape
from plone import api
from plone.protect import createToken
from plone.protect.authenticator import check as check_csrf_token
from plone.restapi.serializer.converters import json_compatible
from Products.CMFPlone.resources import add_bundle_on_request
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Forbidden
from zExceptions import MethodNotAllowed
from zope.component import getMultiAdapter
from zope.i18n import translate

import json
import re


EDITOR_BUNDLE = "collective.composite.editor"
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


def to_json(value) -> str:
    """JSON for a data attribute (the template escapes it)."""
    return json.dumps(json_compatible(value), ensure_ascii=False)


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
        uids = []
        for widget in widgets:
            try:
                uids.extend(get_widget_type(widget.type).references(widget.settings))
            except Exception:
                continue  # render_widget shows it as an error card
        get_item_resolver(self.context, self.request).fetch(uids)


class DesignView(BrowserView):
    """Design mode: Plone's page with the editor in the content area.

    Plone's header, navigation and footer are hidden by the editor's CSS (the
    design template already stands for the whole page) and the columns are
    turned off; the toolbar stays, so the way back to the site is where it
    always is, beside the editor's own Cancel.
    """

    template = ViewPageTemplateFile("templates/design.pt")

    def __call__(self) -> str:
        check_designer(self.context)
        self.request.set("disable_plone.leftcolumn", 1)
        self.request.set("disable_plone.rightcolumn", 1)
        self.request.response.setHeader("Cache-Control", "no-store")
        add_bundle_on_request(self.request, EDITOR_BUNDLE)
        # Rendered before main_template renders the head, which lists the
        # bundles the design templates enable on the request.
        self.canvas = self.render_canvas()
        return self.template()

    @cached_property
    def arrangement(self) -> arrangement.Arrangement:
        return arrangement.get(self.context)

    @cached_property
    def cards(self) -> CardRenderer:
        return CardRenderer(self)

    @cached_property
    def layouts(self) -> list:
        return get_layouts(self.context, self.request)

    @cached_property
    def layout(self):
        return get_layout(self.arrangement.layout, self.context, self.request)

    def t(self, text) -> str:
        return translate(text, context=self.request) if text else ""

    # --- the canvas and the layout switcher ----------------------------------

    def slot_container(self, slot, cards: str = "") -> str:
        """The drop zone of a slot: the editor's slot element holding its cards."""
        return (
            f'<div class="composite-slot" data-composite-slot="{escape(slot.name)}" '
            f'role="region" aria-label="{escape(self.t(slot.title))}">{cards}</div>'
        )

    def render_canvas(self) -> str:
        """:returns: the current layout's design template, the cards in its slots."""
        self.cards.prefetch(self.arrangement.widgets)
        slots = {
            slot.name: self.slot_container(
                slot,
                "\n".join(
                    self.cards.card(widget)
                    for widget in self.arrangement.slots.get(slot.name, ())
                ),
            )
            for slot in self.layout.slots
        }
        return render_layout(self.layout, self, slots, design=True)

    def layout_templates(self) -> list[dict]:
        """:returns: the design template of every other layout, with empty slots."""
        return [
            {
                "name": layout.name,
                "html": render_layout(
                    layout,
                    self,
                    {slot.name: self.slot_container(slot) for slot in layout.slots},
                    design=True,
                ),
            }
            for layout in self.layouts
            if layout.name != self.layout.name
        ]

    def layout_choices(self) -> list[dict]:
        """:returns: the layout switcher's buttons, each with a miniature of the
        layout's design template."""
        return [
            {
                "name": layout.name,
                "title": self.t(layout.title),
                "description": self.t(layout.description),
                "pressed": "true" if layout.name == self.layout.name else "false",
                "miniature": render_layout(
                    layout,
                    self,
                    {
                        slot.name: '<div class="composite-miniature__slot"></div>'
                        for slot in layout.slots
                    },
                    design=True,
                ),
            }
            for layout in self.layouts
        ]

    def unplaced_cards(self) -> str:
        return "\n".join(map(self.cards.card, self.arrangement.unplaced))

    # --- the palette -----------------------------------------------------------

    def palette(self) -> list[dict]:
        """:returns: the widget types the user may add and some slot of some
        layout accepts."""
        slots = [slot for layout in self.layouts for slot in layout.slots]
        return [
            {
                "name": widget_type.name,
                "title": self.t(widget_type.title),
                "description": self.t(widget_type.description),
                "icon": self.cards.icon_url(widget_type.name),
            }
            for widget_type in get_widget_types()
            if may_change(widget_type, self.context)
            and any(slot.accepts(widget_type.name) for slot in slots)
        ]

    # --- the data the editor starts from ---------------------------------------

    def arrangement_json(self) -> str:
        """The arrangement as ``GET @composite`` gives it, with each widget's title."""
        data = serialize(self.context)
        titles = {
            widget.id: widget_title(widget, self.context, self.request)
            for widget in self.arrangement.widgets
        }
        for widget in [*sum(data["slots"].values(), []), *data["unplaced"]]:
            if widget["id"] in titles:
                widget["title"] = titles[widget["id"]]
        return to_json(data)

    def layouts_json(self) -> str:
        return to_json(
            [
                {
                    "name": layout.name,
                    "title": self.t(layout.title),
                    "slots": [
                        {
                            "name": slot.name,
                            "title": self.t(slot.title),
                            "allowed": list(slot.allowed)
                            if slot.allowed is not None
                            else None,
                            "max": slot.max,
                        }
                        for slot in layout.slots
                    ],
                }
                for layout in self.layouts
            ]
        )

    def widget_types_json(self) -> str:
        return to_json(
            [
                {
                    "name": widget_type.name,
                    "title": self.t(widget_type.title),
                    "icon": widget_type.icon or "",
                    "restricted": restriction(widget_type, self.context, self.request),
                }
                for widget_type in get_widget_types()
            ]
        )

    def messages_json(self) -> str:
        return to_json(editor_messages(self.request))

    def urls(self) -> dict[str, str]:
        url = self.context.absolute_url()
        portal_url = api.portal.get().absolute_url()
        return {
            "save": f"{url}/++api++/@composite",
            "lock": f"{url}/++api++/@composite-lock",
            "history": f"{url}/++api++/@composite-history",
            "export": f"{url}/++api++/@composite-export",
            "import": f"{url}/++api++/@composite-import",
            "preview": f"{url}/@@composite-preview",
            "cards": f"{url}/@@composite-cards",
            "settings": f"{url}/@@composite-widget-settings",
            "exit": url,
            "icon": f"{portal_url}/@@iconresolver/{{icon}}",
        }

    def csrf_token(self) -> str:
        return createToken()

    # --- the lock ----------------------------------------------------------------

    def lock_banner(self) -> dict | None:
        """Who else is designing the page, said as the editor says it once it
        runs, so that it shows before the script does.

        :returns: ``text``, ``stealable`` and ``holder`` (the lock's holder
            and time, for the editor to see whether its answer is news), or
            None unless someone else holds the page's lock.
        """
        info = locking.get_lock(self.context)
        if not info.locked or info.mine:
            return None
        data = lock_data(self.context, info)
        name = data["creator"]["fullname"] if data["creator"] else "?"
        key = "lock.held" if info.stealable else "lock.heldWait"
        return {
            "text": self.cards.say(key, name=name, time=localized_time(info.time)),
            "stealable": info.stealable,
            "holder": f"{info.creator}@{data['time']}",
        }


def check_designer(context) -> None:
    """Refuse users who may not design ``context``: anonymous users are sent
    to log in, the others get 403.

    :raises Unauthorized: for anonymous users.
    :raises Forbidden: for users without the design permission.
    """
    if getSecurityManager().checkPermission(DESIGN_PERMISSION, context):
        return
    if api.user.is_anonymous():
        raise Unauthorized("Log in to design this page.")
    raise Forbidden("You may not design this page.")


def check_design_post(context, request, refusal: str) -> None:
    """The checks of design mode's POST endpoints: the user may design
    ``context``, the request is a POST, and it carries the CSRF token.

    :param refusal: the message of the 405 answer to another method.
    :raises MethodNotAllowed: for another method than POST.
    :raises Forbidden: for a missing or wrong CSRF token (and see
        :func:`check_designer`).
    """
    check_designer(context)
    if request.method != "POST":
        raise MethodNotAllowed(refusal)
    check_csrf_token(request)
