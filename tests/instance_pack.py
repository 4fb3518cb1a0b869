"""Run with ``zconsole run zope.conf tests/instance_pack.py`` on the demo site
of ``make start`` (``tests/test_pack.py`` does): saves a page many times with
a short history, packs the FileStorage, and prints, as one line of JSON, the
history before and after the pack and how many revision records the storage
holds before and after."""

from AccessControl.SecurityManagement import newSecurityManager
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement.storage import find
from collective.composite.interfaces import ICompositeEnabled
from plone import api
from ZODB.utils import get_pickle_metadata
from zope.component.hooks import setSite

import json
import time
import transaction


SAVES = 25
RETENTION = 10


def listed(page) -> list:
    """The page's kept revisions, each with the arrangement it left."""
    shown = []
    for revision in history.get_revisions(page):
        _revision, kept = history.get_revision(page, revision.number)
        slots = {
            name: [[w.id, w.type, dict(w.settings)] for w in widgets]
            for name, widgets in kept.slots.items()
        }
        shown.append([revision.number, revision.action, kept.layout, slots])
    return shown


def stored_revisions(storage) -> int:
    """:returns: how many revision records the storage holds (any version)."""
    oids = set()
    for transaction_record in storage.iterator():
        for record in transaction_record:
            if record.data and get_pickle_metadata(record.data)[1] == "RevisionRecord":
                oids.add(record.oid)
    return len(oids)


def chain(obj) -> set:
    """:returns: the oids of the revision records ``obj``'s arrangement
    reaches, the ones past the retention not cut off yet included."""
    storage = find(obj)
    revision = None if storage is None else storage.head
    oids = set()
    while revision is not None:
        oids.add(revision._p_oid)
        revision = revision.previous
    return oids


def chained_revisions(site) -> int:
    """:returns: how many revision records the site's arrangements reach."""
    catalog = site.portal_catalog
    brains = catalog.unrestrictedSearchResults(
        object_provides=ICompositeEnabled.__identifier__
    )
    objects = [site, *(brain._unrestrictedGetObject() for brain in brains)]
    return len(set().union(*(chain(obj) for obj in objects)))


def main(app) -> None:
    site = app.Plone
    setSite(site)
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    api.portal.set_registry_record("collective.composite.history_retention", RETENTION)
    page = site["programme"]
    for number in range(SAVES):
        arrangement.add_widget(page, "main", "text", {"text": f"<p>Save {number}</p>"})
        transaction.commit()
    db = app._p_jar.db()
    before = {
        "history": listed(page),
        "stored": stored_revisions(db.storage),
        "chained": chained_revisions(site),
    }
    time.sleep(1)  # the pack time is after the last commit
    db.pack()
    app._p_jar.sync()
    app._p_jar.cacheMinimize()
    page = app.Plone["programme"]
    after = {
        "history": listed(page),
        "stored": stored_revisions(db.storage),
        "chained": chained_revisions(app.Plone),
        "page chain": len(chain(page)),
    }
    oldest = after["history"][-1][0]
    history.restore(page, oldest, arrangement.get(page).version)
    transaction.commit()
    after["restored"] = listed(page)[0][3]
    print(json.dumps({"before": before, "after": after, "oldest": oldest}))


main(app)  # noqa: F821 - `zconsole run` provides the Zope root as `app`
