"""Working copies (plone.app.iterate): check-out copies the arrangement,
check-in saves it onto the baseline as a new revision of its history."""

from arrangement_fixtures import fake_components
from arrangement_fixtures import modified_events
from collective.composite import arrangement
from collective.composite.arrangement import history
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.testing import applyProfile
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME

import pytest


@pytest.fixture
def baseline(portal):
    """A Composite Page with two notes (version "2"), working copies enabled."""
    applyProfile(portal, "plone.app.iterate:default")
    with fake_components():
        setRoles(portal, TEST_USER_ID, ["Manager"])
        login(portal, TEST_USER_NAME)
        page = api.content.create(container=portal, type="Composite Page", id="page")
        for title in "AB":
            arrangement.add_widget(page, "main", "note", {"title": title})
        yield page


def titles(page):
    return [widget.settings["title"] for widget in arrangement.get(page).widgets]


def check_out(page):
    return ICheckinCheckoutPolicy(page).checkout(page.aq_parent)


def check_in(working_copy):
    return ICheckinCheckoutPolicy(working_copy).checkin("done")


def test_check_out_copies_the_arrangement(baseline):
    working_copy = check_out(baseline)
    assert titles(working_copy) == ["A", "B"]
    widget = arrangement.get(working_copy).widgets[0]
    arrangement.update_widget(working_copy, widget.id, {"title": "A in the copy"})
    assert titles(baseline) == ["A", "B"]


def test_check_in_saves_the_arrangement_onto_the_baseline(baseline):
    working_copy = check_out(baseline)
    first = arrangement.get(working_copy).widgets[0]
    arrangement.update_widget(working_copy, first.id, {"title": "A changed"})
    arrangement.set_layout(working_copy, "two-columns")
    new_baseline = check_in(working_copy)
    assert new_baseline.getId() == "page"
    state = arrangement.get(new_baseline)
    assert state.layout == "two-columns"
    assert titles(new_baseline) == ["A changed", "B"]
    assert state.slots["main"][0].id == first.id


def test_check_in_is_a_new_revision_and_the_counter_goes_on(baseline):
    working_copy = check_out(baseline)
    arrangement.add_widget(working_copy, "main", "note", {"title": "C"})
    # The baseline changed meanwhile: its history and version are kept.
    arrangement.add_widget(baseline, "main", "note", {"title": "D"})
    new_baseline = check_in(working_copy)
    listed = history.get_revisions(new_baseline)
    assert [r.number for r in listed] == [4, 3, 2, 1]
    assert listed[0].action == "checkin"
    assert listed[0].summary == {"added": 1, "removed": 1}
    assert titles(new_baseline) == ["A", "B", "C"]
    assert history.describe(listed[0]).startswith("Checked in from a working copy")


def test_check_in_is_a_save_notified_as_every_save(baseline):
    working_copy = check_out(baseline)
    arrangement.add_widget(working_copy, "main", "note", {"title": "C"})
    with modified_events() as events:
        new_baseline = check_in(working_copy)
    saved = [e for e in events if e.object.getId() == "page"]
    assert [(e.old_version, e.new_version) for e in saved] == [("2", "3")]
    assert new_baseline.getId() == "page"
