"""Reading an arrangement never writes, not even on a page never arranged."""

from arrangement_fixtures import checkpoint
from collective.composite import arrangement
from collective.composite.arrangement.storage import KEY
from plone import api
from zope.annotation.interfaces import IAnnotations

import pytest
import transaction


pytestmark = pytest.mark.usefixtures("fake_types")


@pytest.fixture
def arranged(page):
    arrangement.set_layout(page, "two-columns")
    arrangement.add_widget(page, "sidebar", "note", {"title": "Side"})
    return page


def registered(page):
    """The objects the current transaction would write."""
    return list(page._p_jar._registered_objects)


def test_reading_a_page_never_arranged_registers_nothing(page):
    checkpoint()
    arrangement.get(page)
    assert registered(page) == []
    assert KEY not in IAnnotations(page)


def test_reading_an_arranged_page_registers_nothing(arranged):
    arrangement.set_layout(arranged, "one-column")
    checkpoint()
    result = arrangement.get(arranged)
    assert len(result.unplaced) == 1
    assert registered(arranged) == []


def last_transaction(page):
    return page._p_jar.db().storage.lastTransaction()


def test_reading_commits_nothing(functional_page):
    before = last_transaction(functional_page)
    arrangement.get(functional_page)
    transaction.commit()
    assert last_transaction(functional_page) == before
    with api.env.adopt_roles(["Manager"]):
        arrangement.add_widget(functional_page, "main", "note", {"title": "Written"})
    transaction.commit()
    assert last_transaction(functional_page) != before
