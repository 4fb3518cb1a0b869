"""The history keeps a save small: once retention cuts the chain, a save still
writes under the budget, however big the page."""

from arrangement_fixtures import fake_components
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement.revisions import RETENTION_RECORD
from plone import api
from plone.app.testing import login
from plone.app.testing import TEST_USER_NAME
from test_storage_size import arranged
from test_storage_size import BUDGET
from test_storage_size import one_save
from test_storage_size import SAVES

import pytest
import transaction


@pytest.mark.parametrize("save", ["update", "move", "set_layout"])
def test_a_save_that_cuts_the_chain_stays_under_budget(functional_portal, save):
    api.portal.set_registry_record(RETENTION_RECORD, 3)
    transaction.commit()
    with fake_components():
        login(functional_portal, TEST_USER_NAME)
        sizes = {}
        for n in (5, 500):
            page = arranged(functional_portal, n)
            for title in "abc":
                widget = arrangement.get(page).slots["main"][0]
                arrangement.update_widget(page, widget.id, {"title": title})
                transaction.commit()
            assert len(history.get_revisions(page)) == 3
            sizes[n] = one_save(page, SAVES[save])
            assert len(history.get_revisions(page)) == 3
    assert 0 < sizes[5] < BUDGET
    assert 0 < sizes[500] < BUDGET
    assert sizes[500] - sizes[5] <= 16
