"""What the history writes per save stays small whatever the page's age: a
text change writes its new text once (the revision refers to the settings it
replaced), and past the retention a save does not rewrite an older revision
each time."""

from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement.revisions import DEFAULT_RETENTION
from collective.composite.arrangement.revisions import slack
from plone.app.testing import login
from plone.app.testing import TEST_USER_NAME
from statistics import median
from test_storage_size import arranged
from test_storage_size import arrangement_oids
from test_storage_size import last_transaction
from ZODB.utils import get_pickle_metadata

import pytest
import transaction


TEXT = "Lorem ipsum dolor sit amet. " * 15  # about 400 characters


@pytest.fixture
def site(functional_portal, fake_types):
    """The site, the test user logged in; the test's widget types registered."""
    login(functional_portal, TEST_USER_NAME)
    return functional_portal


def written_classes(page) -> list[str]:
    """The class names of the records the last commit wrote."""
    storage = page._p_jar.db().storage
    tid = storage.lastTransaction()
    (record,) = storage.iterator(tid, tid)
    return [get_pickle_metadata(data.data)[1] for data in record]


def own_bytes(page) -> int:
    """Bytes of the arrangement's records the last commit wrote."""
    oids = arrangement_oids(page)
    return sum(size for oid, size in last_transaction(page).items() if oid in oids)


def change_text(page, attempt):
    widget = arrangement.get(page).slots["main"][2]
    arrangement.update_widget(page, widget.id, {"title": f"{attempt} {TEXT}"})
    transaction.commit()


def move(page, attempt):
    widget = arrangement.get(page).slots["main"][-1]
    arrangement.move_widget(page, widget.id, "main", 1)
    transaction.commit()


def median_written(page, edit, times: int) -> float:
    """The median of the arrangement's bytes each of ``times`` ``edit``s of
    ``page`` writes."""
    sizes = []
    for attempt in range(times):
        edit(page, attempt)
        sizes.append(own_bytes(page))
    return median(sizes)


def aged(portal, count=5):
    """A page saved more often than the history keeps revisions."""
    page = arranged(portal, count)
    for attempt in range(DEFAULT_RETENTION + slack(DEFAULT_RETENTION) + 3):
        move(page, attempt)
    return page


def test_a_text_change_writes_its_new_text_once(site):
    page = arranged(site, 5)
    assert median_written(page, change_text, 3) <= 1024 + len(TEXT)


def test_a_move_writes_under_one_kilobyte_on_an_aged_page(site):
    assert median_written(aged(site), move, 5) <= 1024


def test_a_text_change_on_an_aged_page_writes_its_new_text_once(site):
    assert median_written(aged(site), change_text, 5) <= 1024 + len(TEXT)


def test_past_the_retention_few_saves_rewrite_an_older_revision(site):
    page = aged(site)
    rewrites = 0
    saves = slack(DEFAULT_RETENTION) * 2
    for attempt in range(saves):
        move(page, attempt)
        rewrites += written_classes(page).count("RevisionRecord") > 1
        assert len(history.get_revisions(page)) == DEFAULT_RETENTION
    assert rewrites <= 2


def test_an_aged_page_restores_its_oldest_kept_revision(site):
    page = aged(site)
    change_text(page, "changed")
    oldest = history.get_revisions(page)[-1]
    _revision, shown = history.get_revision(page, oldest.number)
    history.restore(page, oldest.number, arrangement.get(page).version)
    transaction.commit()
    assert arrangement.get(page).slots == shown.slots
