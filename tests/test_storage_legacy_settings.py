"""Widgets and revisions saved before settings had records of their own (the
settings inline in the widget's record) still read, change and restore."""

from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement.storage import find
from collective.composite.arrangement.storage import SettingsRecord

import pytest


pytestmark = pytest.mark.usefixtures("fake_types")


def make_legacy(page, widget_id):
    """Turn a widget's record into the earlier format: settings inline."""
    record = find(page).widgets[widget_id]
    state = {
        "type": record.type,
        "settings": dict(record.settings),
        "slot": record.slot,
        "position": record.position,
    }
    record.__setstate__(state)
    return record


def test_an_inline_settings_record_reads_as_before(page):
    widget = arrangement.add_widget(page, "main", "note", {"title": "Old"})
    record = make_legacy(page, widget.id)
    assert not isinstance(record.stored, SettingsRecord)
    assert arrangement.get(page).slots["main"][0].settings["title"] == "Old"


def test_changing_an_inline_settings_widget_stores_a_record(page):
    widget = arrangement.add_widget(page, "main", "note", {"title": "Old"})
    record = make_legacy(page, widget.id)
    arrangement.update_widget(page, widget.id, {"title": "New"})
    assert isinstance(record.stored, SettingsRecord)
    assert arrangement.get(page).slots["main"][0].settings["title"] == "New"


def test_an_inline_settings_widget_restores_its_old_settings(page):
    widget = arrangement.add_widget(page, "main", "note", {"title": "Old"})
    make_legacy(page, widget.id)
    before = arrangement.get(page).version
    arrangement.update_widget(page, widget.id, {"title": "New"})
    history.restore(page, int(before), arrangement.get(page).version)
    assert arrangement.get(page).slots["main"][0].settings["title"] == "Old"


def test_a_storage_saved_with_named_attributes_loads():
    from collective.composite.arrangement.storage import ArrangementStorage

    storage = ArrangementStorage.__new__(ArrangementStorage)
    storage.__setstate__({"layout": "two-columns", "counter": 7, "widgets": None})
    assert (storage.layout, storage.counter, storage.kept) == ("two-columns", 7, 0)


def test_a_storage_keeps_attributes_it_does_not_name():
    from collective.composite.arrangement.storage import ArrangementStorage

    storage = ArrangementStorage("one-column")
    storage.someone_elses = {"kept": True}
    copy = ArrangementStorage.__new__(ArrangementStorage)
    copy.__setstate__(storage.__getstate__())
    assert copy.someone_elses == {"kept": True}
    assert copy.layout == "one-column"
