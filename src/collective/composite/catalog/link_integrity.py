"""Composite pages in Plone's link integrity (plone.app.linkintegrity).

Plone keeps, in its relation catalog, an ``isReferencing`` relation from each
item to the items it links to, found by the item's ``IRetriever`` adapter, and
warns on deleting an item that others link to, listing them ("Potential link
breakage"); relations follow a moved or renamed item. A composite
page links to what its widgets show (content items, images, collections: their
type's ``references``) and to what the markup of its text and HTML widgets
links to (their renderer's ``links``), placed or unplaced: an unplaced widget
comes back when a layout has its slot again.

:class:`CompositeRetriever` gives Plone those links, with the links the page's
type has without the behavior (a Document's rich text, through Plone's own
retriever), so Plone's handlers keep the relations on the page's creation,
copy, edit and deletion, and its ``@@updateLinkIntegrityInformation`` rebuilds
them. A save of the arrangement is no edit of the page: :func:`update_on_save`
brings the relations up to date then, and :func:`update_on_item_change` when
an item a page shows was added (an import creating it after the page),
deleted or changed; both only when the widgets' links changed since, so most
saves (moving widgets, editing text without links) leave the relations alone.

The site root's widgets are left out: plone.exportimport (2.2) cannot import
a relation whose source is the site root (it reindexes each relation's
source, which the site root cannot be), so a composite front page showing
items would stop a whole-site import.
"""

from collective.composite import arrangement
from collective.composite.catalog.indexers import provided_without
from collective.composite.catalog.widget_words import PURE_REFERENCES
from collective.composite.catalog.widget_words import widget_index
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.interfaces import IArrangementModifiedEvent
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import IShownItemModifiedEvent
from collective.composite.widgets.html import HTMLRenderer
from collective.composite.widgets.renderer import WidgetRenderer
from collective.composite.widgets.text import TextRenderer
from collective.composite.widgets.types import get_widget_type
from plone.app.linkintegrity.handlers import check_linkintegrity_dependencies
from plone.app.linkintegrity.handlers import modifiedContent
from plone.app.linkintegrity.interfaces import IRetriever
from plone.base.interfaces import IPloneSiteRoot
from Products.CMFCore.utils import getToolByName
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.component import getSiteManager
from zope.interface import implementer
from zope.interface import providedBy

import hashlib
import logging


logger = logging.getLogger("collective.composite")

#: The page's annotation holding a digest of the widgets' links its relations
#: were last updated with (not the arrangement's: that one is the
#: arrangement API's alone).
DIGEST_KEY = "collective.composite.link_integrity"

# The renderers whose ``links`` depend on the settings alone: remembered with
# the stored settings (see :func:`~collective.composite.arrangement.settings_memo`).
_PURE_LINKS = frozenset(
    renderer.__dict__["links"].__func__
    for renderer in (WidgetRenderer, TextRenderer, HTMLRenderer)
)


@implementer(IRetriever)
@adapter(ICompositeEnabled)
class CompositeRetriever:
    """The links of a composite page, for plone.app.linkintegrity: those of
    its type without the behavior, and its widgets' (:func:`widget_links`).

    :param context: composite-enabled content.
    """

    def __init__(self, context):
        self.context = context

    def retrieveLinks(self) -> set[str]:
        """:returns: every link of the page, as URLs or paths."""
        links = set(own_links(self.context))
        if not IPloneSiteRoot.providedBy(self.context):
            links.update(widget_links(self.context))
        return links


def own_links(context) -> set[str]:
    """The links Plone finds in ``context`` as if it were not composite: its
    type's retriever (Plone's reads the rich text fields; plone.restapi's the
    blocks).

    :param context: composite-enabled content.
    :returns: the links, none when no retriever is registered for the type.
    """
    provided = provided_without(providedBy(context), ICompositeEnabled)
    factory = getSiteManager().adapters.lookup((provided,), IRetriever)
    if factory is None:
        return set()
    return set(factory(context).retrieveLinks())


def widget_links(page) -> set[str]:
    """The links of the widgets of ``page``, placed and unplaced: the URLs of
    the items their types refer to, while they exist, and the links of their
    markup.

    :param page: composite-enabled content.
    :returns: the links.
    """
    brains, links = _widget_targets(page)
    return links | {brain.getURL() for brain in brains}


def _widget_targets(page) -> tuple[list, set[str]]:
    """The catalog brains of the items the widgets of ``page`` refer to (those
    that exist) and the links of the widgets' markup."""
    uids = set()
    links = set()
    types = {}
    for widget in arrangement.get(page).widgets:
        widget_type = types.get(widget.type)
        if widget_type is None:
            try:
                widget_type = types[widget.type] = get_widget_type(widget.type)
            except UnknownWidgetType:
                continue
        try:
            own_uids, own_links = _targets(widget, widget_type, page)
        except Exception:
            # A broken widget must not stop the page from being saved.
            logger.exception("Cannot read the links of the %s widget", widget.id)
            continue
        uids.update(own_uids)
        links.update(own_links)
    if not uids:
        return [], links
    # Looked up in the page's own catalog, and given to Plone as URLs: an item
    # that does not exist (yet) is no link (Plone would take a dangling
    # ``resolveuid/<uid>`` for a path below the page's folder, and relate the
    # page to that folder).
    catalog = getToolByName(page, "portal_catalog")
    return list(catalog.unrestrictedSearchResults(UID=sorted(uids))), links


def _targets(widget, widget_type, page) -> tuple[tuple, tuple]:
    """The UIDs a widget refers to and the links of its markup, remembered
    with its stored settings when its renderer's ``links`` depend on them
    alone, as its type's ``references`` (every save reads them for every
    widget of the page)."""
    renderer = widget_type.renderer
    memo = arrangement.settings_memo(widget.settings)
    if (
        memo is None
        or getattr(renderer.links, "__func__", None) not in _PURE_LINKS
        or getattr(renderer.references, "__func__", None) not in PURE_REFERENCES
    ):
        memo = {}
    key = ("link_integrity", renderer)
    found = memo.get(key)
    if found is None:
        # widget_index remembers the references when they are pure.
        uids = widget_index(widget, widget_type, page, "", text=False)[1]
        found = memo[key] = (tuple(uids), tuple(renderer.links(widget.settings)))
    return found


@adapter(ICompositeEnabled, IArrangementModifiedEvent)
def update_on_save(page, event) -> None:
    """Bring the page's link integrity relations up to date after a save."""
    update(page, event)


@adapter(ICompositeEnabled, IShownItemModifiedEvent)
def update_on_item_change(page, event) -> None:
    """Bring the page's link integrity relations up to date when an item it
    shows was added, deleted or changed (in the transaction that commits)."""
    update(page, event)


def update(page, event=None) -> bool:
    """Renew the link integrity relations of ``page`` (its own links and its
    widgets') when its widgets' links changed since they were last renewed.

    :param page: composite-enabled content.
    :param event: the event that led to it, for Plone's handler.
    :returns: whether the relations were renewed.
    """
    if IPloneSiteRoot.providedBy(page) or not check_linkintegrity_dependencies(page):
        return False
    brains, links = _widget_targets(page)
    # Of the items' UIDs, not their URLs: those change with the host name
    # and with a move, which leaves the relations as they are.
    targets = sorted(brain.UID for brain in brains) + [""] + sorted(links)
    digest = hashlib.blake2b(
        "\0".join(targets).encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()
    annotations = IAnnotations(page)
    if annotations.get(DIGEST_KEY) == digest:
        return False
    # Plone's own handler, which asks CompositeRetriever: the page's own
    # links are kept with its widgets'.
    modifiedContent(page, event)
    annotations[DIGEST_KEY] = digest
    return True
