"""The setting ``collective.composite.lock_refuses_saves``: on (the default),
the design lock refuses other users' writes; off, it refuses none and the
version tells the holder of the change."""

from arrangement_fixtures import WRITES
from collective.composite import arrangement
from collective.composite.arrangement import locking
from collective.composite.exceptions import LockedByOther
from collective.composite.exceptions import StaleVersion
from plone import api

import pytest


RECORD = "collective.composite.lock_refuses_saves"


@pytest.fixture
def locked_by_jane(page, fake_types):
    """The notes A and B on the page (version "2"), locked by ``jane``, an
    Editor."""
    arrangement.add_widget(page, "main", "note", {"title": "A"})
    arrangement.add_widget(page, "main", "note", {"title": "B"})
    api.user.create(email="jane@example.org", username="jane", roles=["Editor"])
    with api.env.adopt_user(username="jane"):
        locking.lock(page)
    return page


def first_id(page) -> str:
    return arrangement.get(page).widgets[0].id


def test_the_lock_refuses_saves_by_default(locked_by_jane):
    assert api.portal.get_registry_record(RECORD) is True
    with pytest.raises(LockedByOther):
        arrangement.set_layout(locked_by_jane, "two-columns")


@pytest.mark.parametrize("write", WRITES)
def test_with_the_setting_off_another_users_write_is_accepted(locked_by_jane, write):
    api.portal.set_registry_record(RECORD, False)
    before = arrangement.get(locked_by_jane).version
    WRITES[write](locked_by_jane, first_id(locked_by_jane))
    assert arrangement.get(locked_by_jane).version != before


def test_with_the_setting_off_the_holders_old_version_is_stale(locked_by_jane):
    api.portal.set_registry_record(RECORD, False)
    version = arrangement.get(locked_by_jane).version
    arrangement.set_layout(locked_by_jane, "two-columns")
    with api.env.adopt_user(username="jane"), pytest.raises(StaleVersion):
        arrangement.save(locked_by_jane, {"slots": {}}, version)


def test_with_the_setting_off_the_lock_is_still_taken_over_explicitly(locked_by_jane):
    api.portal.set_registry_record(RECORD, False)
    with pytest.raises(LockedByOther):
        locking.lock(locked_by_jane)
