"""History: every save is a revision that can be listed, shown and restored."""

from AccessControl import Unauthorized
from arrangement_fixtures import modified_events
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement.revisions import RETENTION_RECORD
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import StaleVersion
from collective.composite.exceptions import UnknownRevision
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_ID

import pytest


pytestmark = pytest.mark.usefixtures("fake_types")


def note(page, title, slot="main"):
    return arrangement.add_widget(page, slot, "note", {"title": title})


def titles(state, slot="main"):
    return [widget.settings["title"] for widget in state.slots[slot]]


def test_every_save_is_a_revision_newest_first(page):
    first = note(page, "A")
    arrangement.update_widget(page, first.id, {"title": "B"})
    arrangement.set_layout(page, "two-columns")
    listed = history.get_revisions(page)
    assert [r.number for r in listed] == [3, 2, 1]
    assert [r.action for r in listed] == ["layout", "update", "add"]
    assert listed[0].summary == {"layout": "two-columns"}
    assert listed[1].summary == {"changed": 1}
    assert listed[2].summary == {"added": 1}
    assert {r.user for r in listed} == {TEST_USER_ID}
    assert listed[0].time >= listed[2].time


def test_a_restore_is_a_save_notified_as_every_save(page):
    first = note(page, "A")
    arrangement.update_widget(page, first.id, {"title": "B"})
    with modified_events() as events:
        history.restore(page, 1, "2")
    assert [(e.object, e.old_version, e.new_version) for e in events] == [
        (page, "2", "3")
    ]


def test_a_page_never_saved_has_no_revisions(page):
    assert history.get_revisions(page) == []


def test_showing_a_revision_gives_the_arrangement_it_left(page):
    first = note(page, "A")
    note(page, "B")
    arrangement.move_widget(page, first.id, "main")
    arrangement.set_layout(page, "two-columns")
    arrangement.remove_widget(page, first.id)
    revision, shown = history.get_revision(page, 2)
    assert revision.number == 2
    assert shown.version == "2"
    assert shown.layout == "one-column"
    assert titles(shown) == ["A", "B"]
    assert titles(history.get_revision(page, 3)[1]) == ["B", "A"]
    assert titles(history.get_revision(page, 1)[1]) == ["A"]
    assert titles(arrangement.get(page)) == ["B"]


def test_showing_a_revision_writes_nothing(page):
    note(page, "A")
    note(page, "B")
    before = arrangement.get(page)
    history.get_revision(page, 1)
    assert arrangement.get(page) == before


def test_restore_is_a_new_revision_with_the_old_arrangement(page):
    first = note(page, "A")
    note(page, "B")
    arrangement.remove_widget(page, first.id)
    arrangement.set_layout(page, "two-columns")
    version = history.restore(page, 2, "4")
    assert version == "5"
    restored = arrangement.get(page)
    assert restored.layout == "one-column"
    assert titles(restored) == ["A", "B"]
    assert restored.slots["main"][0].id == first.id
    newest = history.get_revisions(page)[0]
    assert newest.action == "restore"
    assert newest.summary["restored"] == 2
    assert newest.summary["added"] == 1
    assert newest.summary["layout"] == "one-column"


def test_restore_brings_back_a_widget_whose_id_now_has_another_type(page):
    note_w = {"id": "w", "type": "note", "settings": {"title": "A"}}
    memo_w = {"id": "w", "type": "memo", "settings": {"title": "M"}}
    arrangement.save(page, {"slots": {"main": [note_w]}}, None)
    arrangement.save(page, {"slots": {"main": []}}, None)
    arrangement.save(page, {"slots": {"main": [memo_w]}}, None)
    history.restore(page, 1, None)
    (widget,) = arrangement.get(page).slots["main"]
    assert (widget.id, widget.type, widget.settings) == ("w", "note", {"title": "A"})
    assert history.get_revisions(page)[0].action == "restore"


def test_a_replace_still_refuses_to_change_a_widgets_type(page):
    arrangement.save(
        page,
        {"slots": {"main": [{"id": "w", "type": "note", "settings": {"title": "A"}}]}},
        None,
    )
    with pytest.raises(InvalidArrangement) as refused:
        arrangement.save(
            page,
            {
                "slots": {
                    "main": [{"id": "w", "type": "memo", "settings": {"title": "A"}}]
                }
            },
            None,
        )
    assert refused.value.field == "slots.main.0.type"


def test_restore_of_a_stale_version_changes_nothing(page):
    note(page, "A")
    note(page, "B")
    with pytest.raises(StaleVersion):
        history.restore(page, 1, "1")
    assert titles(arrangement.get(page)) == ["A", "B"]
    assert len(history.get_revisions(page)) == 2


def test_restore_needs_the_design_permission(page, portal):
    note(page, "A")
    note(page, "B")
    api.user.create(email="r@example.org", username="reader", roles=["Reader"])
    login(portal, "reader")
    with pytest.raises(Unauthorized):
        history.restore(page, 1, None)
    logout()
    with pytest.raises(Unauthorized):
        history.restore(page, 1, None)


def test_unknown_revisions_are_refused(page):
    note(page, "A")
    for number in (0, 2, "x", None):
        with pytest.raises(UnknownRevision):
            history.get_revision(page, number)
    with pytest.raises(UnknownRevision):
        history.restore(page, 7, "1")
    assert arrangement.get(page).version == "1"


def test_retention_keeps_the_newest_revisions(page):
    api.portal.set_registry_record(RETENTION_RECORD, 3)
    widget = note(page, "0")
    for n in range(1, 6):
        arrangement.update_widget(page, widget.id, {"title": str(n)})
    assert [r.number for r in history.get_revisions(page)] == [6, 5, 4]
    assert titles(history.get_revision(page, 4)[1]) == ["3"]
    with pytest.raises(UnknownRevision):
        history.get_revision(page, 3)


def test_retention_is_a_registry_record_of_fifty_by_default(portal):
    assert api.portal.get_registry_record(RETENTION_RECORD) == 50


def test_a_refused_write_records_no_revision(page):
    note(page, "A")
    with pytest.raises(StaleVersion):
        arrangement.add_widget(page, "main", "note", {"title": "B"}, version="0")
    assert len(history.get_revisions(page)) == 1


def test_summaries_read_as_one_line(page):
    first = note(page, "A")
    arrangement.save(
        page,
        {
            "layout": "two-columns",
            "slots": {
                "main": [{"type": "note", "settings": {"title": "B"}}],
                "sidebar": [{"id": first.id, "type": "note"}],
            },
        },
        None,
    )
    history.restore(page, 1, None)
    newest, replaced, _added = history.get_revisions(page)
    assert history.describe(replaced) == (
        "Layout: two-columns; Widgets added: 1; Widgets moved: 1"
    )
    assert history.describe(newest).startswith("Restored revision 1; ")
