"""The SearchableText of composite pages: their type's own, plus their widgets'."""

from Acquisition import aq_base
from collective.composite import arrangement
from collective.composite.interfaces import IArrangementModifiedEvent
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.widgettypes import get_widget_type
from plone.base.utils import safe_callable
from plone.base.utils import safe_text
from plone.indexer.decorator import indexer
from plone.indexer.interfaces import IIndexer
from Products.CMFCore.utils import getToolByName
from zope.component import adapter
from zope.component import getSiteManager
from zope.interface import providedBy

import logging


logger = logging.getLogger("collective.composite")


@indexer(ICompositeEnabled)
def searchable_text(obj) -> str:
    """The type's usual SearchableText, then the words of the placed widgets
    (text without tags, alt texts, captions, headings), then the titles and
    descriptions of the items they show.

    A referenced item's title and description are left out unless everyone who
    may view the page may view the item too, so search does not reveal them.
    """
    catalog = getToolByName(obj, "portal_catalog")
    parts = [_own_searchable_text(obj, catalog)]
    uids = []
    for widgets in arrangement.get(obj).slots.values():
        for widget in widgets:
            try:
                widget_type = get_widget_type(widget.type)
                parts.append(widget_type.renderer.searchable_text(widget.settings, obj))
                uids.extend(widget_type.references(widget.settings))
            except Exception:
                # A broken widget must not stop the page from being indexed.
                logger.exception(
                    "Cannot index the %r widget %s", widget.type, widget.id
                )
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
    """Saving an arrangement changes what the page shows: reindex its text."""
    obj.reindexObject(idxs=["SearchableText"])
