"""Copying a composite page copies its arrangement, which then lives on its own."""

from collective.composite import arrangement
from plone import api

import pytest
import transaction


@pytest.fixture(autouse=True)
def main_and_side(page, fake_types):
    """The page in two columns, a note in each."""
    arrangement.set_layout(page, "two-columns")
    arrangement.add_widget(page, "main", "note", {"title": "Main"})
    arrangement.add_widget(page, "sidebar", "note", {"title": "Side"})
    transaction.savepoint(optimistic=True)


@pytest.fixture
def copy(portal, page):
    return api.content.copy(source=page, target=portal, id="copy")


def test_the_copy_has_the_same_arrangement(page, copy):
    assert arrangement.get(copy) == arrangement.get(page)


def test_changing_the_copy_leaves_the_original_alone(page, copy):
    original = arrangement.get(page)
    widget = arrangement.get(copy).slots["main"][0]
    arrangement.update_widget(copy, widget.id, {"title": "Changed"})
    arrangement.move_widget(copy, widget.id, "sidebar")
    arrangement.set_layout(copy, "one-column")
    assert arrangement.get(page) == original
    assert arrangement.get(copy).layout == "one-column"


def test_the_copy_is_stored_apart(page, copy):
    assert arrangement.get(copy).version == arrangement.get(page).version
    arrangement.remove_widget(copy, arrangement.get(copy).widgets[0].id)
    assert len(arrangement.get(page).widgets) == 2
    assert len(arrangement.get(copy).widgets) == 1
