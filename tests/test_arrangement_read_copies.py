"""Reading an arrangement copies nothing: settings are read-only views whose
list and dict values are copied only when read."""

from collective.composite import arrangement
from collective.composite.arrangement import reading
from collective.composite.arrangement.reading import SettingsView

import copy
import json
import pytest


pytestmark = pytest.mark.usefixtures("fake_types")


def test_reading_a_page_deep_copies_nothing(page, monkeypatch):
    for n in range(5):
        arrangement.add_widget(page, "main", "note", {"title": f"Note {n}"})
    copies = []
    monkeypatch.setattr(reading, "deepcopy", lambda value: copies.append(value))
    widgets = arrangement.get(page).slots["main"]
    assert [widget.settings["title"] for widget in widgets][0] == "Note 0"
    assert copies == []


def test_a_nested_value_read_is_a_copy():
    stored = {"query": [{"i": "portal_type", "v": ["Document"]}]}
    view = SettingsView(stored)
    view["query"][0]["v"].append("News Item")
    assert view["query"][0]["v"] == ["Document", "News Item"]
    assert stored == {"query": [{"i": "portal_type", "v": ["Document"]}]}


def test_a_settings_view_equals_its_dict_and_copies_to_plain_dicts():
    stored = {"title": "A", "items": [1, 2]}
    view = SettingsView(stored)
    assert view == stored
    assert type(copy.deepcopy(view)) is dict
    assert json.dumps(dict(view)) == json.dumps(stored)
