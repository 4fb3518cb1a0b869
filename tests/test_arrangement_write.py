"""Changing an arrangement one step at a time: layout, add, move, update, remove."""

from arrangement_fixtures import checkpoint
from arrangement_fixtures import rewritten
from collective.composite import arrangement
from collective.composite import exceptions
from collective.composite.interfaces import IArrangementModifiedEvent
from zope.component import getGlobalSiteManager

import pytest


def titles(page, slot="main"):
    return [widget.settings["title"] for widget in arrangement.get(page).slots[slot]]


def add(page, title, slot="main", **kwargs):
    return arrangement.add_widget(page, slot, "note", {"title": title}, **kwargs)


pytestmark = pytest.mark.usefixtures("fake_types")


@pytest.fixture
def events():
    received = []

    def handler(event):
        received.append(event)

    registry = getGlobalSiteManager()
    registry.registerHandler(handler, (IArrangementModifiedEvent,))
    yield received
    registry.unregisterHandler(handler, (IArrangementModifiedEvent,))


class TestVersions:
    def test_every_write_bumps_the_version(self, page):
        versions = [
            arrangement.set_layout(page, "two-columns"),
            add(page, "A").id and arrangement.get(page).version,
            arrangement.move_widget(
                page, arrangement.get(page).widgets[0].id, "sidebar"
            ),
        ]
        widget_id = arrangement.get(page).widgets[0].id
        versions.append(arrangement.update_widget(page, widget_id, {"title": "B"}))
        versions.append(arrangement.remove_widget(page, widget_id))
        assert versions == ["1", "2", "3", "4", "5"]
        assert arrangement.get(page).version == "5"

    def test_the_current_version_is_accepted(self, page):
        assert arrangement.set_layout(page, "two-columns", version="0") == "1"

    def test_a_stale_version_is_refused(self, page):
        arrangement.set_layout(page, "two-columns")
        with pytest.raises(exceptions.StaleVersion) as refused:
            add(page, "Late", version="0")
        assert (refused.value.expected, refused.value.current) == ("0", "1")
        assert arrangement.get(page).slots["main"] == ()

    def test_each_write_notifies_the_versions(self, page, events):
        arrangement.set_layout(page, "two-columns")
        add(page, "A")
        assert [(e.object, e.old_version, e.new_version) for e in events] == [
            (page, "0", "1"),
            (page, "1", "2"),
        ]

    def test_a_refused_write_notifies_nothing(self, page, events):
        with pytest.raises(exceptions.UnknownSlot):
            add(page, "A", slot="nowhere")
        assert events == []


class TestSetLayout:
    def test_sets_the_layout(self, page):
        arrangement.set_layout(page, "three-columns")
        result = arrangement.get(page)
        assert result.layout == "three-columns"
        assert list(result.slots) == ["left", "main", "right"]

    def test_unknown_layout(self, page):
        with pytest.raises(exceptions.UnknownLayout) as refused:
            arrangement.set_layout(page, "no-such-layout")
        assert refused.value.field == "layout"
        assert arrangement.get(page).version == "0"


class TestAddWidget:
    def test_appends_by_default(self, page):
        add(page, "A")
        add(page, "B")
        assert titles(page) == ["A", "B"]

    @pytest.mark.parametrize(
        ("position", "expected"), [(0, "XAB"), (1, "AXB"), (2, "ABX")]
    )
    def test_inserts_at_a_position(self, page, position, expected):
        add(page, "A")
        add(page, "B")
        add(page, "X", position=position)
        assert "".join(titles(page)) == expected

    def test_generates_a_short_unique_id(self, page):
        ids = {add(page, str(n)).id for n in range(20)}
        assert len(ids) == 20
        assert all(len(widget_id) == 12 for widget_id in ids)

    def test_returns_the_cleaned_settings(self, page):
        assert add(page, "  Tidy ").settings == {"title": "Tidy"}

    @pytest.mark.parametrize(
        ("kwargs", "error", "field"),
        [
            ({"slot": "nowhere"}, exceptions.UnknownSlot, "slot"),
            ({"type_name": "no-such-type"}, exceptions.UnknownWidgetType, "type"),
            ({"settings": {"title": ""}}, exceptions.InvalidSettings, "settings.title"),
            (
                {"settings": {"colour": 1}},
                exceptions.InvalidSettings,
                "settings.colour",
            ),
            ({"position": 2}, exceptions.InvalidArrangement, "position"),
            ({"position": -1}, exceptions.InvalidArrangement, "position"),
            ({"position": "1"}, exceptions.InvalidArrangement, "position"),
        ],
    )
    def test_refuses_bad_input(self, page, kwargs, error, field):
        add(page, "A")
        call = {"slot": "main", "type_name": "note", "settings": {"title": "B"}}
        with pytest.raises(error) as refused:
            arrangement.add_widget(page, **{**call, **kwargs})
        assert type(refused.value) is error
        assert refused.value.field == field
        assert titles(page) == ["A"]
        assert arrangement.get(page).version == "1"

    def test_refuses_a_type_the_slot_does_not_accept(self, page):
        arrangement.set_layout(page, "picky")
        with pytest.raises(exceptions.WidgetNotAllowed) as refused:
            arrangement.add_widget(page, "main", "memo", {"title": "M"})
        assert refused.value.field == "type"
        assert arrangement.get(page).slots["main"] == ()

    def test_refuses_a_widget_beyond_the_slot_maximum(self, page):
        arrangement.set_layout(page, "picky")
        add(page, "A")
        add(page, "B")
        with pytest.raises(exceptions.SlotFull) as refused:
            add(page, "C")
        assert refused.value.field == "slot"
        assert titles(page) == ["A", "B"]

    def test_the_landing_hero_takes_one_widget(self, page):
        arrangement.set_layout(page, "landing")
        add(page, "Hero", slot="hero")
        with pytest.raises(exceptions.SlotFull):
            add(page, "Second hero", slot="hero")

    def test_works_with_a_shipped_widget_type(self, page):
        widget = arrangement.add_widget(
            page, "main", "text", {"text": "<p>Hi<script>alert(1)</script></p>"}
        )
        assert "script" not in arrangement.get(page).slots["main"][0].settings["text"]
        assert widget.type == "text"


class TestMoveWidget:
    @pytest.fixture
    def abc(self, page):
        return [add(page, title).id for title in "ABC"]

    @pytest.mark.parametrize(
        ("moved", "position", "expected"),
        [(2, 0, "CAB"), (0, None, "BCA"), (0, 1, "BAC"), (1, 1, "ABC"), (1, 0, "BAC")],
    )
    def test_reorders_within_a_slot(self, page, abc, moved, position, expected):
        arrangement.move_widget(page, abc[moved], "main", position)
        assert "".join(titles(page)) == expected

    @pytest.mark.parametrize(
        ("moved", "position", "count"),
        [(2, 0, 1), (0, None, 1), (0, 1, 1), (1, 0, 1), (1, 1, 0), (2, None, 0)],
    )
    def test_rewrites_one_widget_at_most(self, page, abc, moved, position, count):
        checkpoint()
        arrangement.move_widget(page, abc[moved], "main", position)
        assert len(rewritten(page)) == count

    def test_moves_between_slots(self, page, abc):
        arrangement.set_layout(page, "two-columns")
        arrangement.move_widget(page, abc[1], "sidebar")
        assert titles(page) == ["A", "C"]
        assert titles(page, "sidebar") == ["B"]
        assert arrangement.get(page).slots["sidebar"][0].slot == "sidebar"

    def test_many_moves_keep_the_order_right(self, page, abc):
        for _ in range(31):
            last = arrangement.get(page).slots["main"][-1]
            arrangement.move_widget(page, last.id, "main", 1)
        assert "".join(titles(page)) == "ACB"

    @pytest.mark.parametrize(
        ("kwargs", "error", "field"),
        [
            ({"widget_id": "nope"}, exceptions.UnknownWidget, "widget_id"),
            ({"slot": "nowhere"}, exceptions.UnknownSlot, "slot"),
            ({"position": 3}, exceptions.InvalidArrangement, "position"),
        ],
    )
    def test_refuses_bad_input(self, page, abc, kwargs, error, field):
        with pytest.raises(error) as refused:
            arrangement.move_widget(
                page, **{"widget_id": abc[0], "slot": "main", **kwargs}
            )
        assert type(refused.value) is error
        assert refused.value.field == field
        assert titles(page) == ["A", "B", "C"]
        assert arrangement.get(page).version == "3"

    def test_refuses_a_slot_that_does_not_accept_the_type(self, page):
        arrangement.set_layout(page, "picky")
        memo = arrangement.add_widget(page, "aside", "memo", {"title": "M"})
        with pytest.raises(exceptions.WidgetNotAllowed) as refused:
            arrangement.move_widget(page, memo.id, "main")
        assert refused.value.field == "slot"

    def test_refuses_a_full_slot_but_not_a_move_within_it(self, page):
        arrangement.set_layout(page, "picky")
        first, second = add(page, "A").id, add(page, "B").id
        third = add(page, "C", slot="aside").id
        with pytest.raises(exceptions.SlotFull):
            arrangement.move_widget(page, third, "main")
        arrangement.move_widget(page, second, "main", 0)
        assert [w.id for w in arrangement.get(page).slots["main"]] == [second, first]


class TestUpdateWidget:
    def test_replaces_the_settings(self, page):
        widget = arrangement.add_widget(
            page, "main", "note", {"title": "A", "body": "x"}
        )
        arrangement.update_widget(page, widget.id, {"title": " B "})
        assert arrangement.get(page).slots["main"][0].settings == {"title": "B"}

    def test_refuses_invalid_settings_naming_the_field(self, page):
        widget = add(page, "A")
        with pytest.raises(exceptions.InvalidSettings) as refused:
            arrangement.update_widget(page, widget.id, {"title": "  "})
        assert refused.value.field == "settings.title"
        assert titles(page) == ["A"]

    def test_refuses_an_unknown_widget(self, page):
        with pytest.raises(exceptions.UnknownWidget):
            arrangement.update_widget(page, "nope", {"title": "B"})


class TestRemoveWidget:
    def test_removes(self, page):
        widget = add(page, "A")
        add(page, "B")
        arrangement.remove_widget(page, widget.id)
        assert titles(page) == ["B"]

    def test_refuses_an_unknown_widget(self, page):
        add(page, "A")
        with pytest.raises(exceptions.UnknownWidget) as refused:
            arrangement.remove_widget(page, "nope")
        assert refused.value.field == "widget_id"
        assert titles(page) == ["A"]
