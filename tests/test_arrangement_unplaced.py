"""Switching layouts keeps every widget: what has no place is unplaced, not lost."""

from arrangement_fixtures import checkpoint
from arrangement_fixtures import rewritten
from arrangement_fixtures import stored
from collective.composite import arrangement
from collective.composite import exceptions

import pytest


pytestmark = pytest.mark.usefixtures("fake_types")


def add(page, slot, title, type_name="note"):
    return arrangement.add_widget(page, slot, type_name, {"title": title})


def titles(widgets):
    return [widget.settings["title"] for widget in widgets]


@pytest.fixture
def two_columns(page):
    arrangement.set_layout(page, "two-columns")
    add(page, "main", "M1")
    add(page, "sidebar", "S1")
    add(page, "sidebar", "S2")
    return arrangement.get(page)


def test_widgets_of_a_slot_the_layout_lacks_are_unplaced(page, two_columns):
    arrangement.set_layout(page, "one-column")
    result = arrangement.get(page)
    assert titles(result.slots["main"]) == ["M1"]
    assert titles(result.unplaced) == ["S1", "S2"]
    assert len(result.unplaced) == 2
    assert {widget.slot for widget in result.unplaced} == {"sidebar"}


def test_switching_back_restores_them_by_slot_name(page, two_columns):
    arrangement.set_layout(page, "one-column")
    arrangement.set_layout(page, "three-columns")
    arrangement.set_layout(page, "two-columns")
    assert arrangement.get(page).slots == two_columns.slots


def test_switching_rewrites_no_widget(page, two_columns):
    checkpoint()
    arrangement.set_layout(page, "one-column")
    assert stored(page)._p_changed
    assert not stored(page).widgets._p_changed
    assert rewritten(page) == set()


def test_an_unplaced_widget_is_restored_by_moving_it_to_a_slot(page, two_columns):
    arrangement.set_layout(page, "one-column")
    s2 = arrangement.get(page).unplaced[1]
    arrangement.move_widget(page, s2.id, "main", 0)
    result = arrangement.get(page)
    assert titles(result.slots["main"]) == ["S2", "M1"]
    assert titles(result.unplaced) == ["S1"]


def test_an_unplaced_widget_can_be_removed(page, two_columns):
    arrangement.set_layout(page, "one-column")
    arrangement.remove_widget(page, arrangement.get(page).unplaced[0].id)
    assert titles(arrangement.get(page).unplaced) == ["S2"]


class TestConstraintsOfTheNewLayout:
    """``picky`` takes two notes at most in ``main``."""

    @pytest.fixture
    def picky(self, page):
        for title, type_name in [("A", "note"), ("B", "memo"), ("C", "note")]:
            add(page, "main", title, type_name)
        add(page, "main", "D")
        arrangement.set_layout(page, "picky")
        return arrangement.get(page)

    def test_widgets_the_slot_refuses_are_unplaced_in_order(self, picky):
        assert titles(picky.slots["main"]) == ["A", "C"]
        assert titles(picky.unplaced) == ["B", "D"]
        assert {widget.slot for widget in picky.unplaced} == {"main"}

    def test_switching_back_shows_them_all_again(self, page, picky):
        arrangement.set_layout(page, "one-column")
        assert titles(arrangement.get(page).slots["main"]) == ["A", "B", "C", "D"]

    def test_unplaced_widgets_of_other_slots_come_first(self, page, picky):
        arrangement.set_layout(page, "two-columns")
        add(page, "sidebar", "S")
        arrangement.set_layout(page, "picky")
        assert titles(arrangement.get(page).unplaced) == ["S", "B", "D"]

    def test_a_full_slot_refuses_an_unplaced_widget(self, page, picky):
        with pytest.raises(exceptions.SlotFull):
            arrangement.move_widget(page, picky.unplaced[1].id, "main")

    def test_removing_a_widget_makes_room_for_an_unplaced_one(self, page, picky):
        arrangement.remove_widget(page, picky.slots["main"][0].id)
        result = arrangement.get(page)
        assert titles(result.slots["main"]) == ["C", "D"]
        assert titles(result.unplaced) == ["B"]

    def test_moving_within_the_full_slot_keeps_the_others_unplaced(self, page, picky):
        arrangement.move_widget(page, picky.slots["main"][0].id, "main")
        result = arrangement.get(page)
        assert titles(result.slots["main"]) == ["C", "A"]
        assert titles(result.unplaced) == ["B", "D"]
