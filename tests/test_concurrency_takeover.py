"""The lock holder saving at the moment another editor takes the design lock
over: both go through (the save never touched the lock, the takeover never
the arrangement), the save is kept, and the new holder, who read the page
before it, is refused as stale and sees it."""

from Acquisition import aq_parent
from arrangement_fixtures import two_connections
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement import locking
from collective.composite.exceptions import LockedByOther
from collective.composite.exceptions import StaleVersion
from plone.app.testing import login
from plone.app.testing import TEST_USER_NAME
from zope.component.hooks import getSite
from zope.component.hooks import setSite

import pytest
import transaction


@pytest.fixture
def locked(functional_notes_page):
    """The test user (a Manager) designs the page and holds its lock; ``jane``
    is an Editor."""
    portal = aq_parent(functional_notes_page)
    portal.acl_users.userFolderAddUser("jane", "secret", ["Editor"], [])
    locking.lock(functional_notes_page)
    transaction.commit()
    return functional_notes_page


@pytest.fixture
def holder_and_jane(locked):
    """Two connections, as a request of the holder and one of jane."""
    path = locked.getPhysicalPath()[1:]
    site = getSite()
    with two_connections(locked._p_jar.db()) as pairs:
        yield [
            (manager, conn.root()["Application"].unrestrictedTraverse(path))
            for manager, conn in pairs
        ]
        setSite(site)  # before its connections close


def as_user(page, user: str):
    setSite(aq_parent(page))
    login(aq_parent(page), user)
    return page


def test_a_holders_save_racing_a_takeover_is_kept_and_the_taker_is_stale(
    locked, holder_and_jane
):
    (holder_tm, holder), (jane_tm, jane) = holder_and_jane
    as_user(jane, "jane")
    read_by_jane = arrangement.get(jane).version
    first = arrangement.get(jane).widgets[0]
    with pytest.raises(LockedByOther):
        arrangement.update_widget(jane, first.id, {"title": "Jane's"}, read_by_jane)
    as_user(holder, TEST_USER_NAME)
    assert (
        arrangement.update_widget(holder, first.id, {"title": "Holder's"}, "2") == "3"
    )
    as_user(jane, "jane")
    assert locking.lock(jane, take_over=True).mine
    holder_tm.commit()
    jane_tm.commit()  # no conflict: each wrote what the other did not
    jane._p_jar.sync()
    as_user(jane, "jane")
    with pytest.raises(StaleVersion):
        arrangement.update_widget(jane, first.id, {"title": "Jane's"}, read_by_jane)
    jane_tm.abort()
    as_user(holder, TEST_USER_NAME)
    holder._p_jar.sync()
    with pytest.raises(LockedByOther):
        arrangement.update_widget(holder, first.id, {"title": "Again"}, "3")
    holder_tm.abort()
    transaction.begin()
    login(aq_parent(locked), TEST_USER_NAME)
    assert arrangement.get(locked).widgets[0].settings["title"] == "Holder's"
    assert [r.number for r in history.get_revisions(locked)] == [3, 2, 1]
    assert locking.get_lock(locked).creator == "jane"
