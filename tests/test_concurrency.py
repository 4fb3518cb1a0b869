"""Two editors saving at once: the ZODB conflict makes the publisher retry the
loser, whose retry meets the new version (409), never a duplicate revision."""

from Acquisition import aq_parent
from arrangement_fixtures import two_connections
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.exceptions import StaleVersion
from plone.app.testing import login
from plone.app.testing import TEST_USER_NAME
from ZODB.POSException import ConflictError

import pytest
import transaction


@pytest.fixture
def editors(functional_notes_page):
    """Two connections, as two requests of two editors, each with its page."""
    path = functional_notes_page.getPhysicalPath()[1:]
    with two_connections(functional_notes_page._p_jar.db()) as pairs:
        yield [
            (manager, conn.root()["Application"].unrestrictedTraverse(path))
            for manager, conn in pairs
        ]


def save(page, widget_index: int, title: str, version: str) -> str:
    # The user of the request, from the user folder of its own connection.
    login(aq_parent(page), TEST_USER_NAME)
    widget = arrangement.get(page).widgets[widget_index]
    return arrangement.update_widget(page, widget.id, {"title": title}, version=version)


def test_the_second_commit_conflicts_and_its_retry_is_stale(
    functional_notes_page, editors
):
    (first_tm, first), (second_tm, second) = editors
    version = arrangement.get(first).version
    assert save(first, 0, "A by one", version) == "3"
    assert save(second, 1, "B by two", version) == "3"
    first_tm.commit()
    with pytest.raises(ConflictError):
        second_tm.commit()
    # The publisher aborts and retries the request from the start.
    second_tm.abort()
    second._p_jar.sync()
    with pytest.raises(StaleVersion) as refused:
        save(second, 1, "B by two", version)
    assert refused.value.current == "3"
    second_tm.abort()
    transaction.begin()
    login(aq_parent(functional_notes_page), TEST_USER_NAME)
    state = arrangement.get(functional_notes_page)
    assert [w.settings["title"] for w in state.widgets] == ["A by one", "B"]
    assert [r.number for r in history.get_revisions(functional_notes_page)] == [3, 2, 1]
    assert history.get_revisions(functional_notes_page)[0].summary == {"changed": 1}


def test_the_retry_of_a_save_without_version_is_recorded_once(
    functional_notes_page, editors
):
    """A script that saves without a version wins on retry: one revision each."""
    (first_tm, first), (second_tm, second) = editors
    save(first, 0, "A by one", None)
    save(second, 1, "B by two", None)
    first_tm.commit()
    with pytest.raises(ConflictError):
        second_tm.commit()
    second_tm.abort()
    second._p_jar.sync()
    save(second, 1, "B by two", None)
    second_tm.commit()
    transaction.begin()
    login(aq_parent(functional_notes_page), TEST_USER_NAME)
    state = arrangement.get(functional_notes_page)
    assert [w.settings["title"] for w in state.widgets] == ["A by one", "B by two"]
    revisions = history.get_revisions(functional_notes_page)
    assert [r.number for r in revisions] == [4, 3, 2, 1]


def test_an_editor_reads_the_other_editors_committed_save(editors):
    """What a connection remembers of a page's arrangement (its placed
    widgets, by version) never outlives another editor's commit."""
    (first_tm, first), (second_tm, second) = editors
    version = arrangement.get(first).version
    assert [w.settings["title"] for w in arrangement.get(first).widgets] == ["A", "B"]
    save(second, 0, "A by two", version)
    second_tm.commit()
    first_tm.abort()  # the next request of the first editor
    first._p_jar.sync()
    assert [w.settings["title"] for w in arrangement.get(first).widgets] == [
        "A by two",
        "B",
    ]


def test_an_aborted_save_is_not_read_afterwards(editors):
    (first_tm, first), _second = editors
    version = arrangement.get(first).version
    save(first, 0, "Never committed", version)
    assert arrangement.get(first).widgets[0].settings["title"] == "Never committed"
    first_tm.abort()
    assert arrangement.get(first).widgets[0].settings["title"] == "A"
    assert arrangement.get(first).version == version
