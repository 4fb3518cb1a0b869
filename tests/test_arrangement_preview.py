"""Previewing an arrangement validates it like a save but stores nothing."""

from AccessControl import Unauthorized
from collective.composite import arrangement
from collective.composite import exceptions
from plone.app.testing import logout

import pytest


@pytest.fixture(autouse=True)
def stored_note(page, fake_types):
    """A note stored on the page."""
    arrangement.add_widget(page, "main", "note", {"title": "Stored"})


DATA = {
    "layout": "picky",
    "slots": {"aside": [{"type": "note", "settings": {"title": " New "}}]},
}


def test_shows_the_arrangement_as_it_would_be_saved(page):
    result = arrangement.preview(page, DATA)
    assert result.layout == "picky"
    assert result.version == "1"
    assert [w.settings["title"] for w in result.slots["aside"]] == ["New"]
    assert result.unplaced == ()
    assert result.slots["main"] == ()


def test_stores_nothing(page):
    before = arrangement.get(page)
    arrangement.preview(page, DATA)
    assert arrangement.get(page) == before


def test_refuses_what_replace_refuses(page):
    with pytest.raises(exceptions.UnknownSlot):
        arrangement.preview(page, {"slots": {"nowhere": []}})


def test_needs_the_design_permission(page):
    logout()
    with pytest.raises(Unauthorized):
        arrangement.preview(page, DATA)
