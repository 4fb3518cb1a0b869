"""A save writes a small, bounded amount, however many widgets the page has."""

from arrangement_fixtures import fake_components
from arrangement_fixtures import make_page
from collective.composite import arrangement
from collective.composite.arrangement.storage import KEY
from plone.app.testing import login
from plone.app.testing import TEST_USER_NAME
from statistics import median
from ZODB.serialize import referencesf
from zope.annotation.interfaces import IAnnotations

import pytest
import transaction


BUDGET = 2048  # bytes per one-widget save, its revision included
# Adding or removing a widget also rewrites one BTree bucket (30 entries at
# most), so only those two grow a little with the page, and stay under budget.
# Now and then the bucket splits (or empties) and its BTree node is rewritten
# too: amortised over the saves, so those two are measured as the median of a
# few saves on the big page.
REPEATS = {"add": 5, "remove": 5}


def last_transaction(page) -> dict[bytes, int]:
    """Oid -> size of each record the last commit wrote."""
    storage = page._p_jar.db().storage
    tid = storage.lastTransaction()
    (record,) = storage.iterator(tid, tid)
    return {data.oid: len(data.data) for data in record}


def arrangement_oids(page) -> set[bytes]:
    """The oids of the page's stored arrangement and everything it holds."""
    storage = page._p_jar.db().storage
    todo = [IAnnotations(page)[KEY]._p_oid]
    seen = set()
    while todo:
        oid = todo.pop()
        if oid not in seen:
            seen.add(oid)
            todo.extend(referencesf(storage.load(oid)[0]))
    return seen


def arranged(portal, count):
    """A page of ``count`` notes, committed."""
    page = make_page(portal, f"page-{count}")
    notes = [
        {"type": "note", "settings": {"title": f"Note {n}", "body": "Lorem " * 20}}
        for n in range(count)
    ]
    arrangement.save(page, {"slots": {"main": notes}}, "0")
    transaction.commit()
    return page


def one_save(page, change):
    widgets = arrangement.get(page).slots["main"]
    change(page, widgets)
    transaction.commit()
    written = last_transaction(page)
    assert page._p_oid not in written, "the content object was rewritten"
    return sum(size for oid, size in written.items() if oid in arrangement_oids(page))


SAVES = {
    "update": lambda page, widgets: arrangement.update_widget(
        page, widgets[2].id, {"title": "Changed"}
    ),
    "move": lambda page, widgets: arrangement.move_widget(
        page, widgets[-1].id, "main", 1
    ),
    "add": lambda page, widgets: arrangement.add_widget(
        page, "main", "note", {"title": "New"}, position=3
    ),
    "remove": lambda page, widgets: arrangement.remove_widget(page, widgets[3].id),
    "set_layout": lambda page, widgets: arrangement.set_layout(page, "two-columns"),
    "replace moving one": lambda page, widgets: arrangement.save(
        page,
        {
            "slots": {
                "main": [
                    {"id": w.id, "type": w.type, "settings": w.settings}
                    for w in [widgets[-1], *widgets[:-1]]
                ]
            }
        },
        None,
    ),
}


@pytest.mark.parametrize("save", SAVES)
def test_one_change_writes_little_however_big_the_page(functional_portal, save):
    with fake_components():
        login(functional_portal, TEST_USER_NAME)
        sizes = {}
        for n in (5, 500):
            page = arranged(functional_portal, n)
            sizes[n] = median(
                one_save(page, SAVES[save])
                for _ in range(REPEATS.get(save, 1) if n > 5 else 1)
            )
    assert 0 < sizes[5] < BUDGET
    assert 0 < sizes[500] < BUDGET
    if save not in ("add", "remove"):
        assert sizes[500] - sizes[5] <= 16
