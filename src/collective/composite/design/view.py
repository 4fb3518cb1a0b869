"""``@@composite-design``: design mode, the page the drag-and-drop editor runs on.

The view renders the markup of ``docs/editor-markup.md``: the layout's design
template (the page as colour blocks and fuzzy text) with every widget as a card,
the other layouts' design templates for the layout switcher, the tray of unplaced
widgets, the palette, the toolbar and the data the editor starts from. The cards
of each slot and of the tray come in one card block (:mod:`.card_blocks`), which
the editor unpacks as it starts. It only reads: the editor saves through the
``@composite`` REST service.
"""

from AccessControl import Unauthorized
from collective.composite import _
from collective.composite import arrangement
from collective.composite.arrangement import locking
from collective.composite.design.card_blocks import card_block
from collective.composite.design.cards import CardRenderer
from collective.composite.design.restrictions import may_change
from collective.composite.design.restrictions import restriction
from collective.composite.layouts.broken import BROKEN
from collective.composite.layouts.broken import broken_notice
from collective.composite.layouts.broken import may_see_reason
from collective.composite.layouts.broken import render_isolated
from collective.composite.layouts.registry import get_layouts
from collective.composite.serializers import composite_data
from collective.composite.serializers import is_json
from collective.composite.serializers import lock_data
from collective.composite.serializers import lock_holder
from collective.composite.widgets.types import get_widget_types
from functools import cached_property
from html import escape
from plone import api
from plone.protect import createToken
from plone.restapi.serializer.converters import json_compatible
from Products.CMFPlone.resources import add_bundle_on_request
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zExceptions import Forbidden
from zope.component import queryMultiAdapter
from zope.i18n import translate

import json


EDITOR_BUNDLE = "collective.composite.editor"


def to_json(value) -> str:
    """JSON for a data attribute (the template escapes it)."""
    # The arrangement's data is JSON already: plone.restapi's converter (an
    # adapter lookup per value, 0.16 s for 1000 widgets) only for the rest.
    if not is_json(value):
        value = json_compatible(value)
    return json.dumps(value, ensure_ascii=False)


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
    def _shown(self) -> tuple:
        return arrangement.get_with_layout(self.context, self.request)

    @property
    def arrangement(self) -> arrangement.Arrangement:
        return self._shown[0]

    @cached_property
    def cards(self) -> CardRenderer:
        return CardRenderer(self)

    @cached_property
    def layouts(self) -> list:
        return get_layouts(self.context, self.request)

    @property
    def layout(self):
        return self._shown[1]

    def t(self, text) -> str:
        return translate(text, context=self.request) if text else ""

    # --- the canvas and the layout switcher ----------------------------------

    def slot_container(self, slot, cards: str = "") -> str:
        """The drop zone of a slot: the editor's slot element holding its
        cards (their card block)."""
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
                card_block(
                    [
                        self.cards.card(widget)
                        for widget in self.arrangement.slots.get(slot.name, ())
                    ]
                ),
            )
            for slot in self.layout.slots
        }
        return self.design_template(self.layout, slots)

    def design_template(self, layout, slots: dict[str, str]) -> str:
        """:returns: ``layout``'s design template with ``slots``; for a broken
        layout, a note saying so above the slots, so design mode still works
        and the designer can switch to another layout."""
        html, reason = render_isolated(layout, self, slots, design=True)
        if html is not None:
            return html
        hint = self.t(
            _("Choose another layout: the widgets are kept and move with you.")
        )
        return (
            '<div class="composite-design composite-design-broken">'
            f"{broken_notice(self, reason)}"
            f'<p class="composite-design-broken__hint">{escape(hint)}</p>'
            + "".join(
                f'<div class="composite-design-slot">{html}</div>'
                for html in slots.values()
            )
            + "</div>"
        )

    def layout_templates(self) -> list[dict]:
        """:returns: the design template of every other layout, with empty slots."""
        return [
            {
                "name": layout.name,
                "html": self.design_template(
                    layout,
                    {slot.name: self.slot_container(slot) for slot in layout.slots},
                ),
            }
            for layout in self.layouts
            if layout.name != self.layout.name
        ]

    def layout_choices(self) -> list[dict]:
        """:returns: the layout switcher's buttons, each with a miniature of the
        layout's design template; a broken layout's button is disabled and says
        so (why, to Managers only)."""
        return [self.layout_choice(layout) for layout in self.layouts]

    def layout_choice(self, layout) -> dict:
        """:returns: the layout switcher's button of ``layout``."""
        miniature, reason = render_isolated(
            layout,
            self,
            {
                slot.name: '<div class="composite-miniature__slot"></div>'
                for slot in layout.slots
            },
            design=True,
        )
        broken = miniature is None
        return {
            "name": layout.name,
            "title": self.t(layout.title),
            "description": self.t(layout.description),
            "pressed": "true" if layout.name == self.layout.name else "false",
            "miniature": miniature or "",
            "broken": self.t(BROKEN) if broken else "",
            "reason": reason if broken and may_see_reason(self.context) else "",
        }

    def other_languages(self) -> str:
        """:returns: the "Other languages" navigation to the page's
        translations, where plone.app.multilingual is installed; else ""."""
        nav = queryMultiAdapter(
            (self.context, self.request), name="composite-other-languages"
        )
        return nav() if nav is not None else ""

    def unplaced_cards(self) -> str:
        """:returns: the card block of the tray's widgets."""
        return card_block(list(map(self.cards.card, self.arrangement.unplaced)))

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
        data = composite_data(self.context)
        # The cards worked the titles out already.
        titles = {
            widget.id: self.cards.title(widget) for widget in self.arrangement.widgets
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
        return to_json(self.cards.messages)

    def urls(self) -> dict[str, str]:
        url = self.context.absolute_url()
        portal_url = api.portal.get().absolute_url()
        back = urlencode({"came_from": f"{url}/@@composite-design"})
        return {
            "save": f"{url}/++api++/@composite",
            "lock": f"{url}/++api++/@composite-lock",
            "history": f"{url}/++api++/@composite-history",
            "export": f"{url}/++api++/@composite-export",
            "import": f"{url}/++api++/@composite-import",
            "preview": f"{url}/++api++/@composite-preview",
            "cards": f"{url}/++api++/@composite-cards",
            "settings": f"{url}/@@composite-widget-settings",
            "exit": url,
            "icon": f"{portal_url}/@@iconresolver/{{icon}}",
            # Plone's login form, back to design mode once logged in: the
            # editor keeps the unsaved changes of a save refused as logged
            # out over it. ``came_from`` is this page, built here: never
            # taken from the request (Plone's form also refuses one outside
            # the site).
            "login": f"{portal_url}/login?{back}",
        }

    def user_id(self) -> str:
        """:returns: the id of the user designing, which keys the unsaved
        changes the editor keeps over a reload (another user logging in in
        the same tab does not get them)."""
        return api.user.get_current().getId() or ""

    def csrf_token(self) -> str:
        return createToken()

    # --- the lock ----------------------------------------------------------------

    def lock_banner(self) -> dict | None:
        """Who else is designing the page, said as the editor says it once it
        runs, so that it shows before the script does.

        :returns: ``text``, ``stealable`` (whether to offer *Take over*),
            ``shared`` (the lock does not refuse the user's saves: the site's
            setting is off, so there is nothing to take over) and ``holder``
            (the lock's holder and time, for the editor to see whether its
            answer is news), or None unless someone else holds the page's lock.
        """
        info = locking.get_lock(self.context)
        if not info.locked or info.mine:
            return None
        data = lock_data(self.context, info)
        shared = not info.refuses_saves
        if shared:
            key = "lock.shared"
        else:
            key = "lock.held" if info.stealable else "lock.heldWait"
        return {
            "text": self.cards.say(key, **lock_holder(data, info)),
            "stealable": info.stealable and not shared,
            "shared": shared,
            "holder": f"{info.creator}@{data['time']}",
        }


def check_designer(context) -> None:
    """Refuse users who may not design ``context`` now (see
    :func:`~collective.composite.arrangement.may_design`): anonymous users
    are sent to log in, the others get 403, as from Plone's edit form.

    :raises Unauthorized: for anonymous users.
    :raises Forbidden: for users without the design permission, or without
        *Modify portal content* (the page awaiting review, say).
    """
    if arrangement.may_design(context):
        return
    if api.user.is_anonymous():
        raise Unauthorized("Log in to design this page.")
    raise Forbidden("You may not design this page (now).")
