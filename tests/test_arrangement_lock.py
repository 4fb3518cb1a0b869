"""The page's lock refuses other users' writes to the arrangement: every write
of the arrangement API (and so every service, import and restore) checks it;
the holder, and whoever takes it over, writes."""

from arrangement_fixtures import make_page
from arrangement_fixtures import WRITES as ALL_WRITES
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement import locking
from collective.composite.exceptions import LockedByOther
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.testing import applyProfile
from plone.app.testing import TEST_USER_ID
from plone.locking.interfaces import ILockable
from plone.locking.interfaces import INonStealableLock
from zope.interface import alsoProvides

import pytest


WRITES = {**ALL_WRITES, "restore": lambda page, wid: history.restore(page, 1, None)}


@pytest.fixture(autouse=True)
def notes_and_jane(page, fake_types):
    """The notes A and B on the page (version "2"); ``jane``, an Editor."""
    arrangement.add_widget(page, "main", "note", {"title": "A"})
    arrangement.add_widget(page, "main", "note", {"title": "B"})
    api.user.create(
        email="jane@example.org", username="jane", roles=["Editor"]
    ).setMemberProperties({"fullname": "Jane Doe"})


def lock_as(page, user: str) -> None:
    """``user`` takes the page's lock as design mode does."""
    with api.env.adopt_user(username=user):
        locking.lock(page)


def first_id(page) -> str:
    return arrangement.get(page).widgets[0].id


@pytest.mark.parametrize("write", WRITES)
def test_a_write_is_refused_while_someone_else_holds_the_lock(page, write):
    before = arrangement.get(page)
    lock_as(page, "jane")
    with pytest.raises(LockedByOther) as refused:
        WRITES[write](page, first_id(page))
    assert refused.value.info.creator == "jane"
    assert refused.value.info.stealable is True
    assert arrangement.get(page) == before


@pytest.mark.parametrize("write", WRITES)
def test_the_holder_of_the_lock_writes(page, write):
    lock_as(page, api.user.get(userid=TEST_USER_ID).getUserName())
    WRITES[write](page, first_id(page))
    assert arrangement.get(page).version == "3"


def test_a_write_after_taking_the_lock_over_works(page):
    lock_as(page, "jane")
    locking.lock(page, take_over=True)
    arrangement.update_widget(page, first_id(page), {"title": "Mine now"})
    assert arrangement.get(page).widgets[0].settings["title"] == "Mine now"


def test_the_old_holder_is_refused_after_a_take_over(page):
    with api.env.adopt_user(username="jane"):
        locking.lock(page)
    locking.lock(page, take_over=True)
    with api.env.adopt_user(username="jane"), pytest.raises(LockedByOther):
        arrangement.set_layout(page, "two-columns")
    assert arrangement.get(page).layout == "one-column"


def test_the_edit_forms_lock_refuses_a_write_too(page):
    # Plone's edit form locks the page with plone.locking's ordinary lock.
    with api.env.adopt_user(username="jane"):
        ILockable(page).lock()
    with pytest.raises(LockedByOther):
        arrangement.set_layout(page, "two-columns")


def test_the_users_own_edit_form_lock_does_not_refuse(page):
    ILockable(page).lock()
    arrangement.set_layout(page, "two-columns")
    assert arrangement.get(page).layout == "two-columns"


def test_a_released_lock_refuses_nothing(page):
    lock_as(page, "jane")
    with api.env.adopt_user(username="jane"):
        locking.unlock(page)
    arrangement.set_layout(page, "two-columns")
    assert arrangement.get(page).layout == "two-columns"


def test_a_page_that_cannot_be_locked_is_written_as_before(page, portal):
    fti = portal.portal_types.Document
    behaviors = [name for name in fti.behaviors if name != "plone.locking"]
    fti._updateProperty("behaviors", tuple(behaviors))
    unlockable = make_page(portal, "unlockable")
    assert locking.get_lock(unlockable).supported is False
    with api.env.adopt_user(username="jane"):
        locking.lock(unlockable)
    arrangement.set_layout(unlockable, "two-columns")
    assert arrangement.get(unlockable).layout == "two-columns"


def test_the_lock_is_checked_before_the_version(page):
    lock_as(page, "jane")
    with pytest.raises(LockedByOther):
        arrangement.set_layout(page, "two-columns", version="1")


def test_preview_stores_nothing_and_is_not_refused(page):
    lock_as(page, "jane")
    shown = arrangement.preview(page, {"layout": "two-columns", "slots": {}})
    assert shown.layout == "two-columns"


def test_a_lock_that_cannot_be_taken_over_says_so(page):
    lock_as(page, "jane")
    alsoProvides(page, INonStealableLock)
    with pytest.raises(LockedByOther) as refused:
        arrangement.set_layout(page, "two-columns")
    assert refused.value.info.stealable is False


def test_checking_in_writes_past_the_check_out_lock_of_another_user(page, portal):
    applyProfile(portal, "plone.app.iterate:default")
    with api.env.adopt_user(username="jane"), api.env.adopt_roles(["Manager"]):
        working_copy = ICheckinCheckoutPolicy(page).checkout(portal)
    assert locking.get_lock(page).creator == "jane"
    arrangement.add_widget(working_copy, "main", "note", {"title": "C"})
    baseline = ICheckinCheckoutPolicy(working_copy).checkin("done")
    titles = [w.settings["title"] for w in arrangement.get(baseline).widgets]
    assert titles == ["A", "B", "C"]
