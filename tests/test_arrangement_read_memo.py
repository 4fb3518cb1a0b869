"""Reading a page places its widgets once per version: the arrangement is
remembered with the page's storage for its version and its layout's slots."""

from arrangement_fixtures import check_remembered
from arrangement_fixtures import operations_on_one_page
from arrangement_fixtures import rolled_back
from collective.composite import arrangement
from collective.composite.arrangement import reading
from collective.composite.arrangement.storage import KEY
from collective.composite.exceptions import InvalidArrangement
from collective.composite.layouts import registry
from hypothesis import given
from hypothesis import strategies as st
from Products.CMFCore.indexing import processQueue
from zope.annotation.interfaces import IAnnotations

import contextlib
import pytest
import transaction


pytestmark = pytest.mark.usefixtures("fake_types")


@pytest.fixture
def placements(monkeypatch) -> list:
    """The layouts :func:`reading.place` placed widgets in, by name."""
    calls = []
    place = reading.place

    def counted(layout, grouped):
        calls.append(layout.name)
        return place(layout, grouped)

    monkeypatch.setattr(reading, "place", counted)
    return calls


@pytest.fixture
def noted(page):
    """``page`` with one note in its main slot."""
    arrangement.add_widget(page, "main", "note", {"title": "First"})
    return page


def test_reading_the_same_version_again_places_no_widget_again(noted, placements):
    first = arrangement.get(noted)
    placed = len(placements)
    assert arrangement.get(noted) is first
    assert len(placements) == placed


def test_a_save_is_read_at_once(noted):
    arrangement.get(noted)
    added = arrangement.add_widget(noted, "main", "note", {"title": "Second"})
    assert arrangement.get(noted).slots["main"][-1] == added


def test_a_layout_with_other_slots_places_the_widgets_again(noted, placements):
    arrangement.get(noted)
    placed = len(placements)
    IAnnotations(noted)[KEY].layout = "two-columns"
    assert list(arrangement.get(noted).slots) == ["main", "sidebar"]
    assert placements[placed:] == ["two-columns"]


def test_a_rolled_back_save_leaves_no_arrangement_behind(noted):
    before = arrangement.get(noted)
    savepoint = transaction.savepoint()
    arrangement.add_widget(noted, "main", "note", {"title": "Rolled back"})
    assert len(arrangement.get(noted).slots["main"]) == 2
    savepoint.rollback()
    assert arrangement.get(noted) == before


def test_the_view_looks_the_layout_up_once(page, monkeypatch):
    arrangement.add_widget(page, "main", "text", {"text": "<p>First words</p>"})
    processQueue()  # the save's reindex, which reads the page too
    looked_up = []
    get_layout = registry.get_layout

    def counted(name, context, request):
        looked_up.append(name)
        return get_layout(name, context, request)

    monkeypatch.setattr(reading, "get_layout", counted)
    html = page.restrictedTraverse("@@composite-view")()
    assert "First words" in html
    assert looked_up == ["one-column"]


def test_a_settings_change_is_read_without_placing_the_widgets_again(noted, placements):
    second = arrangement.add_widget(noted, "main", "note", {"title": "Second"})
    arrangement.get(noted)
    placed = len(placements)
    arrangement.update_widgets(noted, {second.id: {"title": "Changed"}})
    shown = arrangement.get(noted)
    assert [widget.settings["title"] for widget in shown.slots["main"]] == [
        "First",
        "Changed",
    ]
    assert len(placements) == placed


def test_a_settings_change_reads_as_placing_the_widgets_again_would(noted):
    second = arrangement.add_widget(noted, "main", "note", {"title": "Second"})
    arrangement.get(noted)
    arrangement.update_widgets(noted, {second.id: {"title": "Changed"}})
    carried = arrangement.get(noted)
    del IAnnotations(noted)[KEY]._v_arranged
    assert arrangement.get(noted) == carried


def test_a_settings_change_of_an_unremembered_version_places_the_widgets(
    noted, placements
):
    second = arrangement.add_widget(noted, "main", "note", {"title": "Second"})
    IAnnotations(noted)[KEY]._v_arranged = None
    placed = len(placements)
    arrangement.update_widgets(noted, {second.id: {"title": "Changed"}})
    assert arrangement.get(noted).slots["main"][1].settings["title"] == "Changed"
    assert len(placements) == placed + 1


def test_a_rolled_back_settings_change_leaves_no_arrangement_behind(noted):
    before = arrangement.get(noted)
    savepoint = transaction.savepoint()
    first = before.slots["main"][0]
    arrangement.update_widgets(noted, {first.id: {"title": "Undone"}})
    assert arrangement.get(noted).slots["main"][0].settings["title"] == "Undone"
    savepoint.rollback()
    assert arrangement.get(noted) == before


# Writes on a page of notes (a number chooses one of its widgets by its
# index, modulo their number); the picky layout takes two notes in ``main``
# at most, so switching to it and back unplaces and places widgets again. A
# move the API refuses (no room, no such position) changes nothing.
_titles = st.sampled_from(["A", "B", "Changed"])
_writes = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(["main", "aside"]), _titles),
    st.tuples(st.just("update"), st.integers(0, 9), _titles),
    st.tuples(st.just("update two"), st.integers(0, 9), _titles),
    st.tuples(st.just("move"), st.integers(0, 9), st.integers(0, 3)),
    st.tuples(st.just("remove"), st.integers(0, 9)),
    st.tuples(st.just("layout"), st.sampled_from(["one-column", "picky"])),
)


def _write(page, name, *args) -> None:
    ids = [widget.id for widget in arrangement.get(page).widgets]
    if name == "add":
        arrangement.add_widget(page, args[0], "note", {"title": args[1]})
    elif name == "layout":
        arrangement.set_layout(page, args[0])
    elif ids and name == "update":
        arrangement.update_widget(page, ids[args[0] % len(ids)], {"title": args[1]})
    elif ids and name == "update two":
        chosen = {ids[args[0] % len(ids)], ids[-1]}
        arrangement.update_widgets(page, {wid: {"title": args[1]} for wid in chosen})
    elif ids and name == "move":
        arrangement.move_widget(page, ids[args[0] % len(ids)], "main", args[1])
    elif ids and name == "remove":
        arrangement.remove_widget(page, ids[args[0] % len(ids)])


@operations_on_one_page(max_examples=60)
@given(st.lists(_writes, min_size=1, max_size=10))
def test_what_is_remembered_is_what_placing_again_gives(noted, writes):
    with rolled_back():
        for write in writes:
            arrangement.get(noted)  # remembered before each write, as a view does
            with contextlib.suppress(InvalidArrangement):
                _write(noted, *write)
            check_remembered(noted)
