"""Reading a page places its widgets once per version: the arrangement is
remembered with the page's storage for its version and its layout's slots."""

from collective.composite import arrangement
from collective.composite.arrangement import reading
from collective.composite.arrangement.storage import KEY
from collective.composite.layouts import registry
from Products.CMFCore.indexing import processQueue
from zope.annotation.interfaces import IAnnotations

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
