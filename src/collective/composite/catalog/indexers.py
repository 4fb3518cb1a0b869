"""What the catalog knows of composite pages: their SearchableText (their type's
own, plus their widgets') and ``composite_references``, the UIDs of the items
their widgets show.

A save reindexes them only when they changed: moving widgets, switching between
layouts that show the same widgets, or changing a setting that shows no words
(a content widget's display, an image's size) leaves the catalog untouched. The
full-text index rewrites the page's whole word list on every reindex, so this
is what keeps such saves small on big pages.

Through ``composite_references`` a change of an item reaches the pages showing
it (see :mod:`collective.composite.catalog.shown_items`), whose text holds the
item's title and description.

One save used to work out the page's text and references three times (the
check whether they changed, then the two indexers at commit): they are
remembered for the rest of the transaction (:func:`remembered`), and
forgotten on any object event (an edit, a workflow transition, a change of
local roles...) and whenever the arrangement's version changes. Each
widget's own words and references are remembered with its stored settings
(see :mod:`~collective.composite.catalog.widget_words`), so a save works out
those of the widgets it changed only.
"""

from Acquisition import aq_base
from collective.composite import arrangement
from collective.composite.catalog import at_commit
from collective.composite.catalog.shown_items import REFERENCES_INDEX
from collective.composite.catalog.widget_words import widget_index
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.interfaces import IArrangementModifiedEvent
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import IShownItemModifiedEvent
from collective.composite.widgets.htmlfilter import filter_settings
from collective.composite.widgets.types import get_widget_type
from DateTime import DateTime
from operator import attrgetter
from plone.app.workflow.interfaces import ILocalrolesModifiedEvent
from plone.base.utils import safe_callable
from plone.base.utils import safe_text
from plone.indexer.decorator import indexer
from plone.indexer.interfaces import IIndexer
from plone.uuid.interfaces import IUUID
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.interfaces import IActionSucceededEvent
from Products.CMFCore.utils import getToolByName
from zope.component import adapter
from zope.component import getSiteManager
from zope.interface import Interface
from zope.interface import providedBy
from zope.traversing.interfaces import IBeforeTraverseEvent

import hashlib
import logging
import transaction


logger = logging.getLogger("collective.composite")


@indexer(ICompositeEnabled)
def searchable_text(obj) -> str:
    """The page's SearchableText, see :func:`page_text`."""
    return remembered(obj)[0]


@indexer(ICompositeEnabled)
def composite_references(obj) -> list[str]:
    """The page's ``composite_references``: the UIDs of the items its placed
    widgets show, each once, in the order of the widgets' ids."""
    return list(remembered(obj, text=False)[1])


# The key of this module's memo in the current transaction's data.
_MEMO = object()
# Events after which what is remembered still holds: our own (their handler,
# refresh, works the values out again and remembers them; any change they
# lead to notifies its own event), and traversal, which changes nothing and
# is notified at every step of every request's path.
_KEEPING_EVENTS = (
    IArrangementModifiedEvent,
    IShownItemModifiedEvent,
    IBeforeTraverseEvent,
)


def remembered(obj, text: bool = True) -> tuple[str, list[str]]:
    """:func:`page_text` and the UIDs :func:`composite_references` indexes of
    ``obj``, as worked out earlier in this transaction, or now (and
    remembered).

    An entry holds for the transaction as long as no object event was
    notified since (see :func:`forget_indexed`) and the arrangement's version
    and storage are the same; a new transaction starts with none.

    :param obj: composite-enabled content.
    :param text: whether the text is needed (else "" may be returned).
    :returns: the text and the UIDs.
    """
    memo = _memo(create=True)
    entry = memo["entries"].get(_key(obj))
    fingerprint = _fingerprint(memo, obj)
    if entry is not None and entry[1] == fingerprint and (entry[2] or not text):
        return entry[3], entry[4]
    indexed = _indexed(obj, text)
    _remember(memo, obj, fingerprint, indexed, text)
    return indexed


def forget_indexed(event) -> None:
    """Forget what :func:`remembered` holds: an object changed.

    Subscriber of every ``IObjectEvent``; the add-on's own events and
    traversal are left out (see ``_KEEPING_EVENTS``).

    :param event: the object event.
    """
    if not any(keeping.providedBy(event) for keeping in _KEEPING_EVENTS):
        memo = _memo(create=False)
        if memo is not None:
            memo["generation"] += 1
            memo["entries"].clear()


def _memo(create: bool) -> dict | None:
    current = transaction.get()
    try:
        return current.data(_MEMO)
    except KeyError:
        if not create:
            return None
        memo = {"generation": 0, "entries": {}}
        current.set_data(_MEMO, memo)
        return memo


def _key(obj) -> tuple:
    # The object itself is kept in the entry, so its id is not reused while
    # the entry lives.
    return (id(aq_base(obj)), obj.getPhysicalPath())


def _fingerprint(memo: dict, obj) -> tuple:
    return (memo["generation"], arrangement.storage_token(obj))


def _remember(memo: dict, obj, fingerprint: tuple, indexed: tuple, text: bool) -> None:
    # ``fingerprint`` is taken before the work: an event notified meanwhile
    # leaves the entry stale at once.
    memo["entries"][_key(obj)] = (aq_base(obj), fingerprint, text, *indexed)


def page_text(obj) -> str:
    """The type's usual SearchableText, then the words of the placed widgets
    (text without tags, alt texts, captions, headings), then the titles and
    descriptions of the items they show.

    The widgets come in the order of their ids, not of their places, so that
    moving a widget leaves the text as it is. A referenced item's title and
    description are left out unless everyone who may view the page may view the
    item too, and the item is in effect (see :func:`_in_effect`), so search
    does not reveal them.

    :param obj: composite-enabled content.
    :returns: the text to index.
    """
    return _indexed(obj)[0]


def _indexed(obj, text: bool = True) -> tuple[str, list[str]]:
    """:func:`page_text` (when ``text``, else "") and the UIDs of the items
    the placed widgets show (see :func:`composite_references`), from one
    reading of the arrangement."""
    catalog = getToolByName(obj, "portal_catalog")
    parts = [_own_searchable_text(obj, catalog)] if text else []
    filters = filter_settings()
    uids = []
    for widget, widget_type in _placed(obj):
        try:
            words, references = widget_index(widget, widget_type, obj, filters, text)
            if text:
                parts.append(words)
            uids.extend(references)
        except Exception:
            # A broken widget must not stop the page from being indexed.
            logger.exception("Cannot index the %r widget %s", widget.type, widget.id)
    uids = list(dict.fromkeys(uids))
    if text and uids:
        viewers = set(_index_value(obj, catalog, "allowedRolesAndUsers") or ())
        permissions = catalog._catalog.getIndex("allowedRolesAndUsers")
        found = set()
        now = DateTime()
        for brain in catalog.unrestrictedSearchResults(UID=uids):
            found.add(brain.UID)
            allowed = set(permissions.getEntryForObject(brain.getRID(), default=()))
            if ("Anonymous" in allowed or viewers <= allowed) and _in_effect(
                brain, now
            ):
                parts.extend((brain.Title or "", brain.Description or ""))
        if len(found) < len(uids):
            _look_again_at_commit(obj, catalog, set(uids) - found)
    return " ".join(safe_text(part) for part in parts if part), uids


def _in_effect(brain, now) -> bool:
    """Whether the item of ``brain`` is in effect at ``now``: neither before
    its publishing date (an embargo) nor after its expiration date. Visitors
    see no other item, in the page or in search, so its words are left out
    of the page's text too (they come in at the page's next reindex after
    the item takes effect: no event marks that moment)."""
    effective = getattr(brain, "effective", None)
    expires = getattr(brain, "expires", None)
    if isinstance(effective, DateTime) and effective > now:
        return False
    return not (isinstance(expires, DateTime) and expires < now)


def _look_again_at_commit(obj, catalog, missing: set[str]) -> None:
    """Have the page's SearchableText indexed again at commit if items it
    shows that the catalog lacks now are in it by then.

    Rebuilding the catalog (*Clear and Rebuild*, *Update Catalog*) indexes
    the site's objects one after the other, with no event: a page indexed
    before the items it shows would lose their titles and descriptions from
    its text until its next change. A page showing deleted items costs one
    catalog query at commit.

    :param obj: composite-enabled content.
    :param catalog: the site's catalog.
    :param missing: the UIDs of the items the catalog lacks.
    """
    pages = at_commit.collecting(_look_again_at_commit, _index_found_items, catalog)
    # None once the hook runs: what it indexes is not looked at again.
    if pages is not None:
        pages.setdefault(obj.getPhysicalPath(), (obj, set()))[1].update(missing)


def _index_found_items(catalog, pages: dict) -> None:
    """Index again the SearchableText of the pages in ``pages`` whose missing
    items the catalog has now. Only that index: no metadata, no modification
    date, no write to the arrangement."""
    processQueue()  # the items as they are now
    memo = _memo(create=True)
    for path, (obj, missing) in pages.items():
        if not _indexed_at(catalog, obj, path) or not len(
            catalog.unrestrictedSearchResults(UID=sorted(missing))
        ):
            continue
        fingerprint = _fingerprint(memo, obj)
        _remember(memo, obj, fingerprint, _indexed(obj), True)
        obj.reindexObject(idxs=["SearchableText"], update_metadata=0)
    processQueue()


def _indexed_at(catalog, obj, path: tuple) -> bool:
    """Whether the catalog has ``obj`` at ``path`` still (not deleted or moved
    away since it was indexed)."""
    uid = IUUID(obj, None)
    return uid is not None and any(
        brain.getPath() == "/".join(path)
        for brain in catalog.unrestrictedSearchResults(UID=uid)
    )


def _placed(obj):
    """The placed widgets of ``obj`` with their types, in the order of their
    ids; widgets of unknown types are left out."""
    placed = arrangement.get(obj).slots.values()
    types = {}
    for widget in sorted(
        (widget for widgets in placed for widget in widgets), key=attrgetter("id")
    ):
        widget_type = types.get(widget.type)
        if widget_type is None:
            try:
                widget_type = types[widget.type] = get_widget_type(widget.type)
            except UnknownWidgetType:
                logger.warning("Cannot index the %r widget %s", widget.type, widget.id)
                continue
        yield widget, widget_type


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
        provided = provided_without(provided, without)
    factory = getSiteManager().adapters.lookup(
        (provided, providedBy(catalog)), IIndexer, name=name
    )
    if factory is None:
        return None
    return factory(obj, catalog)()


def provided_without(provided, without):
    """:returns: ``provided - without``, the same specification object for the same
    interfaces: a new one on every call would be a new entry of the
    component registry's lookup cache each time (which keeps them all, over
    a kilobyte each), and costs more to make than to look up."""
    key = (tuple(provided.interfaces()), without)
    spec = _SPECIFICATIONS.get(key)
    if spec is None:
        spec = _SPECIFICATIONS[key] = provided - without
    return spec


# (interfaces, interface left out) -> specification, see provided_without: one entry
# per combination of a type, its behaviors and marker interfaces.
_SPECIFICATIONS = {}


@adapter(ICompositeEnabled, IArrangementModifiedEvent)
def reindex_on_save(obj, event) -> None:
    """Reindex the page when a save changed what the catalog knows of it."""
    refresh(obj)


def refresh(obj) -> bool:
    """Reindex the SearchableText and ``composite_references`` of ``obj``,
    each if it changed since a save or an item's change last had it indexed.

    The storage keeps a digest of each as last indexed; while one has its
    digest its index is not touched (a changed text mostly leaves the
    references as they were, and the other way round).

    :param obj: composite-enabled content.
    :returns: whether ``obj`` was reindexed.
    """
    memo = _memo(create=True)
    fingerprint = _fingerprint(memo, obj)
    text, uids = _indexed(obj)
    _remember(memo, obj, fingerprint, (text, uids), True)
    digests = (_digest(text), _digest("\0".join(uids)))
    # Kept as one value, the digests end to end: the storage's record is
    # written by every save. A page indexed before they were kept apart has
    # one digest of both, which matches neither.
    known = arrangement.indexed_digest(obj) or b""
    catalog = getToolByName(obj, "portal_catalog")
    indexes = [
        name
        for position, (name, digest) in enumerate(zip(_INDEXES, digests, strict=True))
        if digest != known[position * _SIZE : (position + 1) * _SIZE]
        and name in catalog.indexes()
    ]
    if not indexes:
        return False
    # The page's metadata (title, dates, sizes...) holds nothing of its
    # arrangement: not worked out again (a pending reindex of the page that
    # updates it still does, the queue merges both).
    obj.reindexObject(idxs=indexes, update_metadata=0)
    arrangement.remember_indexed_digest(obj, b"".join(digests))
    return True


# What refresh() reindexes, in the order of the digests it keeps.
_INDEXES = ("SearchableText", REFERENCES_INDEX)
# The bytes of each digest: enough to tell a change, and small, as the
# storage's record carries them on every save.
_SIZE = 16


def _digest(value: str) -> bytes:
    return hashlib.blake2b(
        value.encode("utf-8", "surrogatepass"), digest_size=_SIZE
    ).digest()


@adapter(ICompositeEnabled, IShownItemModifiedEvent)
def refresh_on_item_change(obj, event) -> None:
    """Reindex the page when an item it shows changed (its title, description
    or who may view it are in the page's text)."""
    refresh(obj)


@adapter(ICompositeEnabled, IActionSucceededEvent)
def refresh_on_transition(obj, event) -> None:
    """Reindex the page after a workflow transition of its own: who may view
    it decides which shown items' titles and descriptions are in its text
    (see :func:`page_text`), and a page arranged while private and then
    published would otherwise be found by the words of the private items it
    shows."""
    refresh(obj)


@adapter(Interface, ILocalrolesModifiedEvent)
def refresh_on_sharing(context, event) -> None:
    """Reindex the composite pages at and below ``context`` (a page, a
    folder, the site) after its *Sharing* changed: who may view them changed
    (see :func:`refresh_on_transition`)."""
    catalog = getToolByName(context, "portal_catalog")
    path = "/".join(context.getPhysicalPath())
    for brain in catalog.unrestrictedSearchResults(
        path=path, object_provides=ICompositeEnabled.__identifier__
    ):
        refresh(brain._unrestrictedGetObject())
