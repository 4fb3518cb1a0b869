"""Two saves at the same time conflict, so the retried one meets the new version."""

from arrangement_fixtures import stored
from arrangement_fixtures import two_connections
from collective.composite import arrangement
from ZODB.POSException import ConflictError

import pytest


def test_saves_touching_different_widgets_still_conflict(functional_notes_page):
    """Each save bumps the version counter on the same record, and that record
    does not merge concurrent changes."""
    db = functional_notes_page._p_jar.db()
    oid = stored(functional_notes_page)._p_oid
    first_id, second_id = (w.id for w in arrangement.get(functional_notes_page).widgets)
    with two_connections(db) as pairs:
        for (_, connection), widget_id in zip(
            pairs, (first_id, second_id), strict=True
        ):
            storage = connection.get(oid)
            storage.widgets[widget_id].settings = {"title": "Changed"}
            storage.counter += 1
        (first_tm, _), (second_tm, _) = pairs
        first_tm.commit()
        with pytest.raises(ConflictError):
            second_tm.commit()
