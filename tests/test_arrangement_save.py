"""Replacing a whole arrangement, as the editor and the REST service save it."""

from arrangement_fixtures import checkpoint
from arrangement_fixtures import rewritten
from arrangement_fixtures import stored
from collective.composite import arrangement
from collective.composite import exceptions
from collective.composite.arrangement.storage import KEY
from zope.annotation.interfaces import IAnnotations

import pytest


pytestmark = pytest.mark.usefixtures("fake_types")


def note(title, **extra):
    return {"type": "note", "settings": {"title": title}, **extra}


def as_data(result):
    """The arrangement as save takes it, the way a client sends it back."""
    return {
        "layout": result.layout,
        "slots": {
            name: [
                {"id": w.id, "type": w.type, "settings": w.settings} for w in widgets
            ]
            for name, widgets in result.slots.items()
        },
        "unplaced": [
            {"id": w.id, "type": w.type, "settings": w.settings, "slot": w.slot}
            for w in result.unplaced
        ],
    }


def titles(result, slot="main"):
    return [widget.settings["title"] for widget in result.slots[slot]]


@pytest.fixture
def five(page):
    """Five notes A..E in ``main``."""
    arrangement.save(page, {"slots": {"main": [note(t) for t in "ABCDE"]}}, "0")
    return arrangement.get(page)


class TestReplace:
    def test_fills_a_page_never_arranged(self, page):
        version = arrangement.save(
            page,
            {"layout": "two-columns", "slots": {"sidebar": [note("S")]}},
            version="0",
        )
        result = arrangement.get(page)
        assert version == result.version == "1"
        assert result.layout == "two-columns"
        assert titles(result, "sidebar") == ["S"]
        assert result.slots["main"] == ()

    def test_sending_back_what_was_read_rewrites_no_widget(self, page, five):
        checkpoint()
        arrangement.save(page, as_data(five), five.version)
        assert rewritten(page) == set()
        assert arrangement.get(page).slots == five.slots

    def test_reordering_rewrites_only_the_moved_widget(self, page, five):
        data = as_data(five)
        main = data["slots"]["main"]
        main.insert(1, main.pop(3))
        checkpoint()
        arrangement.save(page, data, five.version)
        assert "".join(titles(arrangement.get(page))) == "ADBCE"
        assert rewritten(page) == {five.slots["main"][3].id}

    def test_changing_settings_rewrites_only_that_widget(self, page, five):
        data = as_data(five)
        data["slots"]["main"][2]["settings"] = {"title": "C2"}
        checkpoint()
        arrangement.save(page, data, five.version)
        assert titles(arrangement.get(page)) == ["A", "B", "C2", "D", "E"]
        assert rewritten(page) == {five.slots["main"][2].id}

    def test_moves_widgets_and_switches_layout_at_once(self, page, five):
        data = as_data(five)
        data["layout"] = "two-columns"
        data["slots"]["sidebar"] = [data["slots"]["main"].pop(0)]
        arrangement.save(page, data, five.version)
        result = arrangement.get(page)
        assert result.layout == "two-columns"
        assert titles(result, "sidebar") == ["A"]
        assert titles(result) == ["B", "C", "D", "E"]
        assert result.slots["sidebar"][0].id == five.slots["main"][0].id

    def test_settings_left_out_are_kept(self, page, five):
        data = {"slots": {"main": [{"id": w.id, "type": "note"} for w in five.widgets]}}
        data["slots"]["main"].reverse()
        arrangement.save(page, data, five.version)
        assert titles(arrangement.get(page)) == ["E", "D", "C", "B", "A"]

    def test_widgets_left_out_are_removed(self, page, five):
        data = as_data(five)
        del data["slots"]["main"][1:4]
        arrangement.save(page, data, five.version)
        assert titles(arrangement.get(page)) == ["A", "E"]
        assert len(stored(page).widgets) == 2

    def test_slots_left_out_are_emptied(self, page, five):
        arrangement.save(page, {"slots": {}}, five.version)
        assert arrangement.get(page).widgets == ()

    def test_a_new_widget_gets_an_id(self, page):
        arrangement.save(page, {"slots": {"main": [note("New")]}}, "0")
        (widget,) = arrangement.get(page).slots["main"]
        assert len(widget.id) == 12

    def test_an_unknown_id_is_kept_for_the_new_widget(self, page, five):
        removed = five.slots["main"][0]
        arrangement.remove_widget(page, removed.id)
        data = as_data(arrangement.get(page))
        data["slots"]["main"].insert(0, {"id": removed.id, **note("A")})
        arrangement.save(page, data, None)
        assert arrangement.get(page).slots["main"] == five.slots["main"]

    def test_version_none_skips_the_check(self, page, five):
        data = as_data(five)
        data["slots"]["main"].pop()
        arrangement.save(page, data, None)
        assert arrangement.get(page).version == "2"

    def test_a_stale_version_is_refused(self, page, five):
        with pytest.raises(exceptions.StaleVersion):
            arrangement.save(page, {"slots": {}}, "0")
        assert arrangement.get(page) == five


class TestUnplaced:
    @pytest.fixture
    def switched(self, page):
        arrangement.save(
            page,
            {"layout": "two-columns", "slots": {"sidebar": [note("S")]}},
            "0",
        )
        arrangement.set_layout(page, "one-column")
        return arrangement.get(page)

    def test_without_unplaced_the_unplaced_widgets_are_kept(self, page, switched):
        arrangement.save(page, {"slots": {"main": [note("M")]}}, switched.version)
        assert arrangement.get(page).unplaced == switched.unplaced

    def test_an_empty_unplaced_list_removes_them(self, page, switched):
        arrangement.save(page, {"slots": {}, "unplaced": []}, switched.version)
        assert arrangement.get(page).widgets == ()

    def test_sending_them_back_keeps_them(self, page, switched):
        arrangement.save(page, as_data(switched), switched.version)
        arrangement.set_layout(page, "two-columns")
        assert titles(arrangement.get(page), "sidebar") == ["S"]

    def test_an_unplaced_widget_whose_slot_has_room_is_placed(self, page):
        data = {"slots": {}, "unplaced": [note("U", slot="main")]}
        arrangement.save(page, data, "0")
        result = arrangement.get(page)
        assert titles(result) == ["U"]
        assert result.unplaced == ()


def refused(page, data, error, field):
    before = arrangement.get(page)
    with pytest.raises(error) as caught:
        arrangement.save(page, data, before.version)
    assert type(caught.value) is error
    assert caught.value.field == field
    assert arrangement.get(page) == before


class TestRefused:
    @pytest.mark.parametrize(
        ("data", "error", "field"),
        [
            (["not", "a", "mapping"], exceptions.InvalidArrangement, ""),
            ({"slots": {}, "colour": "red"}, exceptions.InvalidArrangement, "colour"),
            ({"slots": {}, "layout": "nope"}, exceptions.UnknownLayout, "layout"),
            ({"slots": {}, "layout": 1}, exceptions.InvalidArrangement, "layout"),
            ({}, exceptions.InvalidArrangement, "slots"),
            ({"slots": ["main"]}, exceptions.InvalidArrangement, "slots"),
            ({"slots": {"nowhere": []}}, exceptions.UnknownSlot, "slots.nowhere"),
            ({"slots": {"main": "A"}}, exceptions.InvalidArrangement, "slots.main"),
            ({"slots": {"main": ["A"]}}, exceptions.InvalidArrangement, "slots.main.0"),
            (
                {"slots": {"main": [{"settings": {}}]}},
                exceptions.InvalidArrangement,
                "slots.main.0.type",
            ),
            (
                {"slots": {"main": [note("A", colour=1)]}},
                exceptions.InvalidArrangement,
                "slots.main.0.colour",
            ),
            (
                {"slots": {"main": [note("A", id="no spaces")]}},
                exceptions.InvalidArrangement,
                "slots.main.0.id",
            ),
            (
                {"slots": {"main": [note("A", id="x"), note("B", id="x")]}},
                exceptions.InvalidArrangement,
                "slots.main.1.id",
            ),
            (
                {"slots": {"main": [note("A", slot="sidebar")]}},
                exceptions.InvalidArrangement,
                "slots.main.0.slot",
            ),
            (
                {"slots": {"main": [{"type": "nope", "settings": {}}]}},
                exceptions.UnknownWidgetType,
                "slots.main.0.type",
            ),
            (
                {"slots": {"main": [note("A"), note(" ")]}},
                exceptions.InvalidSettings,
                "slots.main.1.settings.title",
            ),
            (
                {"slots": {"main": [{"type": "note", "settings": "A"}]}},
                exceptions.InvalidArrangement,
                "slots.main.0.settings",
            ),
            ({"slots": {}, "unplaced": {}}, exceptions.InvalidArrangement, "unplaced"),
            (
                {"slots": {}, "unplaced": [note("U")]},
                exceptions.InvalidArrangement,
                "unplaced.0.slot",
            ),
            (
                {"slots": {}, "unplaced": [note(" ", slot="gone")]},
                exceptions.InvalidSettings,
                "unplaced.0.settings.title",
            ),
        ],
    )
    def test_bad_data(self, page, five, data, error, field):
        refused(page, data, error, field)

    def test_a_changed_type(self, page, five):
        data = as_data(five)
        data["slots"]["main"][4]["type"] = "memo"
        refused(page, data, exceptions.InvalidArrangement, "slots.main.4.type")

    def test_a_type_the_slot_does_not_accept(self, page, five):
        data = {
            "layout": "picky",
            "slots": {"main": [note("A"), {**note("B"), "type": "memo"}]},
        }
        refused(page, data, exceptions.WidgetNotAllowed, "slots.main.1.type")

    def test_more_widgets_than_the_slot_takes(self, page, five):
        data = {"layout": "picky", "slots": {"main": [note("A"), note("B"), note("C")]}}
        refused(page, data, exceptions.SlotFull, "slots.main")

    def test_a_bad_widget_after_good_changes_nothing(self, page, five):
        data = as_data(five)
        data["layout"] = "two-columns"
        data["slots"]["main"].reverse()
        data["slots"]["sidebar"] = [note("New"), {"type": "nope"}]
        refused(page, data, exceptions.UnknownWidgetType, "slots.sidebar.1.type")

    def test_nothing_is_created_on_a_page_never_arranged(self, page):
        with pytest.raises(exceptions.UnknownSlot):
            arrangement.save(page, {"slots": {"nowhere": []}}, "0")
        assert KEY not in IAnnotations(page)
