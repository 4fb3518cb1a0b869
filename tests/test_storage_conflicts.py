"""Two saves at the same time conflict, so the retried one meets the new version."""

from arrangement_fixtures import composite_page
from arrangement_fixtures import stored
from collective.composite import arrangement
from ZODB.POSException import ConflictError

import pytest
import transaction


@pytest.fixture
def page(functional_portal):
    with composite_page(functional_portal) as page:
        for title in "AB":
            arrangement.add_widget(page, "main", "note", {"title": title})
        transaction.commit()
        yield page


def test_saves_touching_different_widgets_still_conflict(page):
    """Each save bumps the version counter on the same record, and that record
    does not merge concurrent changes."""
    db = page._p_jar.db()
    oid = stored(page)._p_oid
    first_id, second_id = (w.id for w in arrangement.get(page).widgets)
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [db.open(transaction_manager=tm) for tm in managers]
    try:
        for connection, widget_id in zip(
            connections, (first_id, second_id), strict=True
        ):
            storage = connection.get(oid)
            storage.widgets[widget_id].settings = {"title": "Changed"}
            storage.counter += 1
        managers[0].commit()
        with pytest.raises(ConflictError):
            managers[1].commit()
    finally:
        managers[1].abort()
        for connection in connections:
            connection.close()
