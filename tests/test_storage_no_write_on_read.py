"""Reading an arrangement never writes, not even on a page never arranged;
nor does reading its design lock, not even an expired one."""

from arrangement_fixtures import checkpoint
from collective.composite import arrangement
from collective.composite.arrangement import locking
from collective.composite.arrangement.storage import KEY
from plone import api
from zope.annotation.interfaces import IAnnotations

import pytest
import transaction


pytestmark = pytest.mark.usefixtures("fake_types")


@pytest.fixture
def arranged(page):
    arrangement.set_layout(page, "two-columns")
    arrangement.add_widget(page, "sidebar", "note", {"title": "Side"})
    return page


def registered(page):
    """The objects the current transaction would write."""
    return list(page._p_jar._registered_objects)


def test_reading_a_page_never_arranged_registers_nothing(page):
    checkpoint()
    arrangement.get(page)
    assert registered(page) == []
    assert KEY not in IAnnotations(page)


def test_reading_an_arranged_page_registers_nothing(arranged):
    arrangement.set_layout(arranged, "one-column")
    checkpoint()
    result = arrangement.get(arranged)
    assert len(result.unplaced) == 1
    assert registered(arranged) == []


def last_transaction(page):
    return page._p_jar.db().storage.lastTransaction()


def test_reading_commits_nothing(functional_page):
    before = last_transaction(functional_page)
    arrangement.get(functional_page)
    transaction.commit()
    assert last_transaction(functional_page) == before
    with api.env.adopt_roles(["Manager"]):
        arrangement.add_widget(functional_page, "main", "note", {"title": "Written"})
    transaction.commit()
    assert last_transaction(functional_page) != before


def expire_lock(page) -> None:
    """Make the page's lock one that expired ten seconds ago."""
    (item,) = page.wl_lockValues()
    item._modifiedtime = item._modifiedtime - item.getTimeout() - 10


@pytest.fixture
def expired(functional_page):
    """:func:`functional_page`, its lock taken by the test user and expired,
    committed."""
    with api.env.adopt_roles(["Manager"]):
        locking.lock(functional_page)
    expire_lock(functional_page)
    transaction.commit()
    return functional_page


def test_reading_an_expired_lock_commits_nothing(expired):
    before = last_transaction(expired)
    info = locking.get_lock(expired)
    assert (info.locked, info.stealable) == (False, True)
    assert registered(expired) == []
    transaction.commit()
    assert last_transaction(expired) == before


def test_the_next_write_deletes_the_expired_lock(expired):
    with api.env.adopt_roles(["Manager"]):
        arrangement.add_widget(expired, "main", "note", {"title": "Written"})
    transaction.commit()
    assert expired.wl_lockValues() == []


def test_an_expired_lock_is_not_the_one_locking_takes(expired):
    with api.env.adopt_roles(["Manager"]):
        info = locking.lock(expired)
    assert info.locked
    assert info.mine
    assert [item.isValid() for item in expired.wl_lockValues()] == [True]
