"""The pages showing an item follow its changes.

The catalog index ``composite_references`` holds, for each composite page, the
UIDs of the items its placed widgets show (see
:mod:`collective.composite.catalog.indexers`).
When an item is edited, moved or renamed, deleted, or goes through a workflow
transition, the pages showing it are told with an
:class:`~collective.composite.interfaces.IShownItemModifiedEvent`, once per page
when the transaction commits: their search text holds the item's title, and a
caching proxy their HTML.
"""

from collective.composite.catalog import at_commit
from collective.composite.events import ShownItemModifiedEvent
from collective.composite.interfaces import ICompositeEnabled
from plone.uuid.interfaces import IUUID
from Products.CMFCore.indexing import processQueue
from Products.CMFCore.utils import getToolByName
from zope.event import notify


#: The catalog index of the UIDs of the items a page's placed widgets show.
REFERENCES_INDEX = "composite_references"


def item_changed(item, event) -> None:
    """Remember a changed item, for its pages to be told at commit.

    Subscribed to the modification, move (addition, renaming, deletion) and
    workflow transition of any content. Waiting for the commit means the
    catalog has the item as it is then, whatever the order of the event's
    subscribers, and a page that refers to an item created later in the same
    transaction is found too.
    """
    uid = IUUID(item, None)
    catalog = getToolByName(item, "portal_catalog", None)
    if uid is None or catalog is None:
        return
    items = at_commit.collecting(item_changed, _tell_pages, catalog)
    # None once the pages are being told: what they change is not looked at.
    if items is not None:
        items[uid] = item


def pages_showing(catalog, uids) -> list[tuple]:
    """The composite pages whose placed widgets show any of ``uids``.

    :param catalog: the site's catalog.
    :param uids: UIDs of items.
    :returns: ``(page, frozenset of the UIDs it shows)`` pairs; none before the
        ``composite_references`` index exists (not installed, not upgraded).
    """
    if REFERENCES_INDEX not in catalog.indexes():
        return []
    shown = {}
    for uid in sorted(uids):
        for brain in catalog.unrestrictedSearchResults(**{REFERENCES_INDEX: uid}):
            shown.setdefault(brain.getPath(), (brain, set()))[1].add(uid)
    pages = []
    for brain, page_uids in shown.values():
        page = brain._unrestrictedGetObject()
        if ICompositeEnabled.providedBy(page):
            pages.append((page, frozenset(page_uids)))
    return pages


def _tell_pages(catalog, items: dict) -> None:
    processQueue()  # the items as they are now
    # The UIDs the items had then and have now: site import tools
    # (plone.exportimport, collective.exportimport) create an item, then give
    # it the UID it had on the old site.
    uids = set(items) | {IUUID(item, None) for item in items.values()}
    uids.discard(None)
    for page, page_uids in pages_showing(catalog, uids):
        notify(ShownItemModifiedEvent(page, page_uids))
    processQueue()  # what the subscribers changed, whenever the queue's hook ran
