"""The SearchableText of composite pages: their type's own, plus their widgets'.

A save reindexes the page's text only when the text changed: moving widgets,
switching between layouts that show the same widgets, or changing a setting
that shows no words (a content widget's display, an image's size) leaves the
catalog untouched. The full-text index rewrites the page's whole word list on
every reindex, so this is what keeps such saves small on big pages.
"""

from Acquisition import aq_base
from collective.composite import arrangement
from collective.composite.interfaces import IArrangementModifiedEvent
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.storage import find
from collective.composite.widgettypes import get_widget_type
from plone.base.utils import safe_callable
from plone.base.utils import safe_text
from plone.indexer.decorator import indexer
from plone.indexer.interfaces import IIndexer
from Products.CMFCore.utils import getToolByName
from zope.component import adapter
from zope.component import getSiteManager
from zope.interface import providedBy

import hashlib
import logging


logger = logging.getLogger("collective.composite")


@indexer(ICompositeEnabled)
def searchable_text(obj) -> str:
    """The page's SearchableText, see :func:`page_text`."""
    return page_text(obj)


def page_text(obj) -> str:
    """The type's usual SearchableText, then the words of the placed widgets
    (text without tags, alt texts, captions, headings), then the titles and
    descriptions of the items they show.

    The widgets come in the order of their ids, not of their places, so that
    moving a widget leaves the text as it is. A referenced item's title and
    description are left out unless everyone who may view the page may view the
    item too, so search does not reveal them.

    :param obj: composite-enabled content.
    :returns: the text to index.
    """
    catalog = getToolByName(obj, "portal_catalog")
    parts = [_own_searchable_text(obj, catalog)]
    uids = []
    placed = arrangement.get(obj).slots.values()
    for widget in sorted(
        (widget for widgets in placed for widget in widgets), key=lambda w: w.id
    ):
        try:
            widget_type = get_widget_type(widget.type)
            parts.append(widget_type.renderer.searchable_text(widget.settings, obj))
            uids.extend(widget_type.references(widget.settings))
        except Exception:
            # A broken widget must not stop the page from being indexed.
            logger.exception("Cannot index the %r widget %s", widget.type, widget.id)
    if uids:
        viewers = set(_index_value(obj, catalog, "allowedRolesAndUsers") or ())
        permissions = catalog._catalog.getIndex("allowedRolesAndUsers")
        for brain in catalog.unrestrictedSearchResults(UID=list(dict.fromkeys(uids))):
            allowed = set(permissions.getEntryForObject(brain.getRID(), default=()))
            if "Anonymous" in allowed or viewers <= allowed:
                parts.extend((brain.Title or "", brain.Description or ""))
    return " ".join(safe_text(part) for part in parts if part)


def _own_searchable_text(obj, catalog) -> str:
    """The SearchableText the object's type would have without the behavior."""
    text = _index_value(obj, catalog, "SearchableText", without=ICompositeEnabled)
    if text is not None:
        return text
    # No indexer for the type: Plone falls back to the attribute; Dexterity
    # items have none, so id, title and description stand in.
    own = getattr(aq_base(obj), "SearchableText", None)
    if own is not None:
        return own() if safe_callable(own) else own
    return " ".join(
        safe_text(value) for value in (obj.getId(), obj.Title(), obj.Description())
    )


def _index_value(obj, catalog, name: str, without=None):
    """Call the indexer ``name`` registered for ``obj`` (optionally as if it did
    not provide ``without``); None when there is none."""
    provided = providedBy(obj)
    if without is not None:
        provided = provided - without
    factory = getSiteManager().adapters.lookup(
        (provided, providedBy(catalog)), IIndexer, name=name
    )
    if factory is None:
        return None
    return factory(obj, catalog)()


@adapter(ICompositeEnabled, IArrangementModifiedEvent)
def reindex_searchable_text(obj, event) -> None:
    """Reindex the page's text when the save changed it.

    The storage keeps a digest of the text last indexed by a save; a save whose
    text has the same digest does not touch the catalog.
    """
    digest = hashlib.sha256(page_text(obj).encode("utf-8", "surrogatepass")).digest()
    storage = find(obj)
    if storage is not None and storage.text_digest == digest:
        return
    obj.reindexObject(idxs=["SearchableText"])
    if storage is not None:
        storage.text_digest = digest
