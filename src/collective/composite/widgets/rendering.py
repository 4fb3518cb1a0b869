"""Rendering widgets: the widgets of an arrangement rendered for one request.

Rendering only reads. There is no subrequest per widget: each widget type's
renderer works from catalog brains, and every content item the page refers to is
looked up in one catalog query per request (see :class:`ItemResolver`).
"""

from AccessControl import getSecurityManager
from collections.abc import Iterable
from collections.abc import Mapping
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.reasons import reason
from collective.composite.widgets.listingquery import search
from collective.composite.widgets.types import get_widget_type
from functools import lru_cache
from html import escape
from itertools import chain
from pathlib import Path
from Products.CMFCore.utils import getToolByName
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations

import logging


logger = logging.getLogger("collective.composite")
# The widget types found registered no more, logged once each per process
# (see _log_retired).
_RETIRED_LOGGED: set[str] = set()

_TEMPLATES = Path(__file__).parent / "templates"
_ERROR_CARD = ViewPageTemplateFile(str(_TEMPLATES / "error_card.pt"))
_MISSING_CARD = ViewPageTemplateFile(str(_TEMPLATES / "missing_card.pt"))
_RESOLVER_KEY = "collective.composite.items"


class ItemResolver:
    """The content items pages refer to, by UID, for one request.

    UIDs asked for together are looked up in one restricted catalog query, so an
    item the user may not view resolves to None, as a deleted one does. The
    query goes through the listings' memo
    (:func:`~collective.composite.widgets.listingquery.search`): the same
    page viewed again, with the catalog unchanged, by a visitor with the same
    roles, within the same minute, makes brains from the remembered record ids
    instead of searching. Objects are loaded only when a renderer asks for one.

    :param context: any content in the site.
    :param request: the request (the memo's key has its language).
    """

    def __init__(self, context, request):
        #: the site's catalog, for renderers that search it too.
        self.catalog = getToolByName(context, "portal_catalog")
        self._request = request
        self._brains: dict = {}
        self._objects: dict = {}

    def fetch(self, uids: Iterable[str]) -> None:
        """Look up in one catalog query the UIDs not looked up yet.

        :param uids: UIDs; empty values are ignored.
        """
        wanted = [uid for uid in dict.fromkeys(uids) if uid and uid not in self._brains]
        if not wanted:
            return
        found = {
            brain.UID: brain
            for brain in search(self.catalog, self._request, {"UID": wanted})
        }
        for uid in wanted:
            self._brains[uid] = found.get(uid)

    def brain(self, uid: str):
        """:returns: the catalog brain of ``uid``, or None."""
        if uid not in self._brains:
            self.fetch([uid])
        return self._brains[uid]

    def object(self, uid: str):
        """:returns: the content object of ``uid``, or None."""
        if uid not in self._objects:
            brain = self.brain(uid)
            self._objects[uid] = brain.getObject() if brain is not None else None
        return self._objects[uid]


def get_item_resolver(context, request) -> ItemResolver:
    """:returns: the request's item resolver, created on first use."""
    annotations = IAnnotations(request)
    resolver = annotations.get(_RESOLVER_KEY)
    if resolver is None:
        resolver = annotations[_RESOLVER_KEY] = ItemResolver(context, request)
    return resolver


def fetch_items(context, request, widgets: Iterable) -> dict[str, tuple]:
    """Look up in one catalog query every item ``widgets`` refer to.

    :param context: the composite-enabled content being rendered.
    :param request: the request, whose item resolver (see
        :func:`get_item_resolver`) keeps the items for the widgets' renderers.
    :param widgets: widgets (``id``, ``type``, ``settings``).
    :returns: each widget's type and the UIDs it refers to, a pair by
        widget id; a widget whose type is unknown or whose settings fail is
        left out (rendering it shows an error card).
    """
    kinds = {}
    for widget in widgets:
        try:
            kinds[widget.id] = _kind(widget)
        except Exception:
            continue  # rendering the widget shows it as an error card
    get_item_resolver(context, request).fetch(
        uid for _type, uids in kinds.values() for uid in uids
    )
    return kinds


def can_design(context) -> bool:
    """:returns: whether the current user may design ``context``."""
    return bool(getSecurityManager().checkPermission(DESIGN_PERMISSION, context))


def render_widget(
    widget,
    context,
    request,
    design: bool = False,
    show_problems: bool | None = None,
) -> str:
    """Render one widget, never letting it break the page.

    A widget whose referenced item does not resolve (deleted, or not viewable by
    the user) gives a "missing item" card; one whose rendering raises gives an
    error card with the reason, and the error is logged. Those cards are shown
    only to people who may design the page (and always in design mode); others
    get nothing.

    :param widget: the widget (``id``, ``type``, ``settings``, ``slot``).
    :param context: the composite-enabled content being rendered.
    :param request: the request.
    :param design: render the design card instead of the real template.
    :param show_problems: whether to show the cards; by default whether the user
        may design ``context``.
    :returns: HTML, "" when there is nothing to show.
    """
    if show_problems is None:
        show_problems = design or can_design(context)
    return _render(
        widget,
        context,
        request,
        get_item_resolver(context, request),
        design,
        show_problems,
    )


def _render(widget, context, request, items, design, show_problems, kind=None) -> str:
    """:func:`render_widget` with the request's item resolver at hand.

    :param kind: the widget's type and the UIDs it refers to, when
        :func:`_kind` gave them already.
    """
    try:
        widget_type, uids = kind or _kind(widget)
        if uids:
            items.fetch(uids)
            if any(items.brain(uid) is None for uid in uids):
                return (
                    _card(_MISSING_CARD, context, request, widget)
                    if show_problems
                    else ""
                )
        # The widget is composed without its template where its renderer
        # can (see WidgetRenderer.compose and compose_design).
        renderer = widget_type.renderer(widget_type, widget, context, request, items)
        return renderer.render_design() if design else renderer.render()
    except ConflictError:
        raise
    except UnknownWidgetType as error:
        _log_retired(widget, context)
        return _error_card(error, widget, context, request, show_problems)
    except Exception as error:
        logger.exception(
            "The %r widget %s on %s failed to render",
            widget.type,
            widget.id,
            "/".join(context.getPhysicalPath()),
        )
        return _error_card(error, widget, context, request, show_problems)


def _log_retired(widget, context) -> None:
    """Say once per process that widgets of a type registered no more are
    left out. Such a type is a site's state (its add-on was removed), not an
    error of one view: a traceback on every view of every page holding one
    would flood the log, and the traceback tells nothing the type's name
    does not."""
    if widget.type in _RETIRED_LOGGED:
        return
    _RETIRED_LOGGED.add(widget.type)
    logger.warning(
        "Widgets of the type %r, registered no more, are left out of pages "
        "(first seen: widget %s on %s); remove them in design mode, or "
        "register the type again",
        widget.type,
        widget.id,
        "/".join(context.getPhysicalPath()),
    )


def _error_card(error, widget, context, request, show_problems) -> str:
    """:returns: the error card of ``widget`` that failed to render with
    ``error``, "" for people who are not shown problems."""
    if not show_problems:
        return ""
    # A type registered no more has no settings form: removing is all that
    # can be done about it (its card offers no Edit, design.cards).
    return _card(
        _ERROR_CARD,
        context,
        request,
        widget,
        reason=reason(error, request),
        retired=isinstance(error, UnknownWidgetType),
    )


def render_slots(context, request, slots: Mapping[str, Iterable]) -> dict[str, str]:
    """Render the widgets of every slot for visitors, for
    ``layouts.registry.render_layout`` (design mode renders cards, see
    ``design.cards``).

    Every item the widgets refer to is looked up first, in one catalog query.
    Each widget that shows something is wrapped in a ``div.composite-widget``
    carrying its type and id.

    :param context: the composite-enabled content being rendered.
    :param request: the request.
    :param slots: slot name to its widgets, in order (``Arrangement.slots``).
    :returns: slot name to HTML.
    """
    slots = {name: tuple(widgets) for name, widgets in slots.items()}
    # Each widget's type and references are looked up once for the page.
    kinds = fetch_items(context, request, chain.from_iterable(slots.values()))
    items = get_item_resolver(context, request)
    show_problems = can_design(context)
    return {
        name: "\n".join(
            piece
            for widget in widgets
            if (
                piece := _piece(
                    widget,
                    context,
                    request,
                    items,
                    show_problems,
                    kinds.get(widget.id),
                )
            )
        )
        for name, widgets in slots.items()
    }


def _kind(widget) -> tuple:
    """:returns: the widget's type and the UIDs its settings refer to.

    :raises UnknownWidgetType: for a type not registered.
    """
    widget_type = get_widget_type(widget.type)
    return widget_type, widget_type.references(widget.settings)


def _piece(widget, context, request, items, show_problems, kind) -> str:
    """One widget's wrapped HTML for visitors ("" for nothing)."""
    html = _render(widget, context, request, items, False, show_problems, kind)
    return f"{_opening(widget.type, widget.id)}{html}</div>" if html else ""


@lru_cache(maxsize=4096)
def _opening(type_name: str, widget_id: str) -> str:
    """The ``div.composite-widget`` start tag around a widget's HTML (the
    same for a widget on every view: made once)."""
    return (
        f'<div class="composite-widget composite-widget-{escape(type_name)}" '
        f'data-widget-id="{escape(widget_id)}">'
    )


def _card(template, context, request, widget, **options) -> str:
    return template(BrowserView(context, request), widget=widget, **options)
