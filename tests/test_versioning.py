"""Plone versioning: a content version includes its arrangement (without the
history); reverting the content reverts the arrangement as a new revision."""

from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement.storage import KEY
from collective.composite.arrangement.versioning import MODIFIER_ID
from plone import api
from zope.annotation.interfaces import IAnnotations

import pytest


# The shared page is a Composite Page: composite-enabled by its behavior, as a
# version keeps it.
pytestmark = pytest.mark.usefixtures("fake_types")


def save_version(page) -> int:
    """Save a content version of ``page``; :returns: its version id."""
    api.portal.get_tool("portal_repository").save(page)
    return page.version_id


def titles(page):
    return [widget.settings["title"] for widget in arrangement.get(page).widgets]


def test_the_modifier_is_registered_on_install(portal):
    assert MODIFIER_ID in api.portal.get_tool("portal_modifier").objectIds()


def test_reverting_the_content_reverts_the_arrangement(page):
    repository = api.portal.get_tool("portal_repository")
    first = arrangement.add_widget(page, "main", "note", {"title": "A"})
    saved = save_version(page)
    arrangement.update_widget(page, first.id, {"title": "changed"})
    arrangement.add_widget(page, "main", "note", {"title": "B"})
    arrangement.set_layout(page, "two-columns")
    repository.revert(page, saved)
    state = arrangement.get(page)
    assert titles(page) == ["A"]
    assert state.layout == "one-column"
    assert state.version == "5"


def test_a_revert_is_a_new_revision_of_the_current_history(page):
    repository = api.portal.get_tool("portal_repository")
    first = arrangement.add_widget(page, "main", "note", {"title": "A"})
    saved = save_version(page)
    arrangement.update_widget(page, first.id, {"title": "changed"})
    repository.revert(page, saved)
    listed = history.get_revisions(page)
    assert [r.number for r in listed] == [3, 2, 1]
    assert listed[0].action == "revert"
    assert listed[0].summary["content_version"] == saved
    assert listed[0].summary["changed"] == 1
    assert history.describe(listed[0]).startswith("Reverted with the page")
    assert [w.settings["title"] for w in history.get_revision(page, 2)[1].widgets] == [
        "changed"
    ]


def test_a_stale_version_from_before_the_revert_is_still_refused(page):
    repository = api.portal.get_tool("portal_repository")
    arrangement.add_widget(page, "main", "note", {"title": "A"})
    saved = save_version(page)
    read = arrangement.get(page).version
    arrangement.add_widget(page, "main", "note", {"title": "B"})
    repository.revert(page, saved)
    assert arrangement.get(page).version != read


def test_a_content_version_holds_no_copy_of_the_history(page):
    for title in "ABC":
        arrangement.add_widget(page, "main", "note", {"title": title})
    saved = save_version(page)
    history_id = api.portal.get_tool("portal_historyidhandler").queryUid(page)
    raw = api.portal.get_tool("portal_historiesstorage").retrieve(history_id, saved)
    version = IAnnotations(raw.object.object)[KEY]
    assert len(version.widgets) == 3
    assert version.head is None
    assert IAnnotations(page)[KEY].head is not None


def test_showing_an_old_version_changes_nothing(page):
    repository = api.portal.get_tool("portal_repository")
    arrangement.add_widget(page, "main", "note", {"title": "A"})
    saved = save_version(page)
    arrangement.add_widget(page, "main", "note", {"title": "B"})
    old = repository.retrieve(page, saved).object
    assert [w.type for w in IAnnotations(old)[KEY].widgets.values()] == ["note"]
    assert titles(page) == ["A", "B"]
    assert [r.number for r in history.get_revisions(page)] == [2, 1]
    assert arrangement.get(page).version == "2"


def test_the_modifier_is_removed_on_uninstall(portal):
    from plone.app.testing import applyProfile

    applyProfile(portal, "collective.composite:uninstall")
    assert MODIFIER_ID not in api.portal.get_tool("portal_modifier").objectIds()
