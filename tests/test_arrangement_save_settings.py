"""A change of settings validates and writes the widgets it changes, without
reading the page's other widgets."""

from collective.composite import arrangement
from collective.composite.arrangement import validation
from collective.composite.exceptions import InvalidSettings
from collective.composite.exceptions import UnknownWidget
from page_fixtures import add

import pytest


@pytest.fixture
def checked(page, monkeypatch) -> list[str]:
    """The paths of the widgets the validator checks, once the page holds
    five text widgets."""
    for index in range(5):
        add(page, "text", {"text": f"<p>Paragraph {index}</p>"})
    calls = []
    original = validation._entry

    def counted(context, storage, path, *args, **kwargs):
        calls.append(path)
        return original(context, storage, path, *args, **kwargs)

    monkeypatch.setattr(validation, "_entry", counted)
    return calls


def ids(page) -> list[str]:
    return [widget.id for widget in arrangement.get(page).slots["main"]]


def test_update_widget_validates_the_changed_widget_only(page, checked):
    second = ids(page)[1]
    arrangement.update_widget(page, second, {"text": "<p>Changed</p>"})
    assert checked == [second]


def test_update_widgets_validates_the_changed_widgets_only(page, checked):
    first, _second, third = ids(page)[:3]
    arrangement.update_widgets(
        page, {third: {"text": "<p>3</p>"}, first: {"text": "<p>1</p>"}}
    )
    assert checked == [third, first]


def test_a_whole_save_still_validates_every_widget(page, checked):
    data = arrangement.to_data(arrangement.get(page))
    arrangement.save(page, data, None)
    assert len(checked) == 5


def test_update_widgets_keeps_the_others_and_their_places(page, checked):
    before = arrangement.get(page).slots["main"]
    arrangement.update_widgets(page, {before[2].id: {"text": "<p>New</p>"}})
    after = arrangement.get(page).slots["main"]
    assert [w.id for w in after] == [w.id for w in before]
    assert [w.settings["text"] for w in after] == [
        "<p>Paragraph 0</p>",
        "<p>Paragraph 1</p>",
        "<p>New</p>",
        "<p>Paragraph 3</p>",
        "<p>Paragraph 4</p>",
    ]


def test_unknown_ids_are_refused_before_any_settings_are_checked(page, checked):
    first = ids(page)[0]
    with pytest.raises(UnknownWidget) as raised:
        arrangement.update_widgets(page, {first: {"nope": 1}, "gone": {}})
    assert raised.value.field == "gone"
    assert checked == []


def test_update_widget_names_the_setting_as_its_parameter(page, checked):
    with pytest.raises(InvalidSettings) as raised:
        arrangement.update_widget(page, ids(page)[0], {"colour": "red"})
    assert raised.value.field == "settings.colour"
