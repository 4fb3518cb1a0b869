"""A revert of the page to a content version racing a save of its arrangement.

A revert stores a new arrangement storage on the page (the retrieved
arrangement, continuing the history), so it never writes the storage a save
writes. Without care both would commit, each claiming the next version, and
the save would be lost with the storage the revert replaced. The revert
rewrites the storage it replaces: whichever commits second conflicts, Zope
retries it, and the retry meets the new version.
"""

from Acquisition import aq_parent
from arrangement_fixtures import stored
from arrangement_fixtures import two_connections
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement import versioning
from collective.composite.exceptions import StaleVersion
from plone import api
from plone.app.testing import login
from plone.app.testing import TEST_USER_NAME
from ZODB.POSException import ConflictError
from zope.component.hooks import getSite
from zope.component.hooks import setSite

import pytest
import transaction


@pytest.fixture
def requests_(versioned_notes_page):
    """Two connections, as two requests at once, each with its page."""
    path = versioned_notes_page.getPhysicalPath()[1:]
    site = getSite()
    with two_connections(versioned_notes_page._p_jar.db()) as pairs:
        yield [
            (manager, conn.root()["Application"].unrestrictedTraverse(path))
            for manager, conn in pairs
        ]
        setSite(site)  # before its connections close


def in_request(page) -> None:
    """Make the page's own connection the request's: its site and user."""
    setSite(aq_parent(page))
    login(aq_parent(page), TEST_USER_NAME)


def save_b(page, version: str | None = "3") -> str:
    in_request(page)
    second = arrangement.get(page).widgets[1]
    return arrangement.update_widget(page, second.id, {"title": "B saved"}, version)


def revert(page) -> None:
    in_request(page)
    versioning.revert(page, page.saved)


def titles(page) -> list[str]:
    return [widget.settings["title"] for widget in arrangement.get(page).widgets]


def committed(page) -> tuple[list[str], list[int]]:
    """The page's titles and revision numbers as committed, from a new
    transaction of the test's own connection."""
    transaction.begin()
    in_request(page)
    numbers = [revision.number for revision in history.get_revisions(page)]
    return titles(page), numbers


def test_a_revert_committing_after_a_save_conflicts_and_its_retry_follows_it(
    versioned_notes_page, requests_
):
    (save_tm, saving), (revert_tm, reverting) = requests_
    assert save_b(saving) == "4"
    revert(reverting)
    save_tm.commit()
    with pytest.raises(ConflictError):
        revert_tm.commit()
    # Zope aborts the request and retries it from the start.
    revert_tm.abort()
    reverting._p_jar.sync()
    revert(reverting)
    revert_tm.commit()
    assert committed(versioned_notes_page) == (["A", "B"], [5, 4, 3, 2, 1])


def test_a_save_committing_after_a_revert_conflicts_and_its_retry_is_stale(
    versioned_notes_page, requests_
):
    (save_tm, saving), (revert_tm, reverting) = requests_
    revert(reverting)
    assert save_b(saving) == "4"
    revert_tm.commit()
    with pytest.raises(ConflictError):
        save_tm.commit()
    save_tm.abort()
    saving._p_jar.sync()
    with pytest.raises(StaleVersion) as refused:
        save_b(saving)
    assert refused.value.current == "4"
    save_tm.abort()
    assert committed(versioned_notes_page) == (["A", "B"], [4, 3, 2, 1])


def test_a_script_saving_without_a_version_is_kept_after_a_revert(
    versioned_notes_page, requests_
):
    (save_tm, saving), (revert_tm, reverting) = requests_
    revert(reverting)
    save_b(saving, version=None)
    revert_tm.commit()
    with pytest.raises(ConflictError):
        save_tm.commit()
    save_tm.abort()
    saving._p_jar.sync()
    assert save_b(saving, version=None) == "5"
    save_tm.commit()
    assert committed(versioned_notes_page) == (["A", "B saved"], [5, 4, 3, 2, 1])


def test_showing_a_content_version_leaves_the_arrangement_unwritten(
    versioned_notes_page,
):
    """Only a revert rewrites the replaced storage; a retrieve to show a
    version rolls that back with the rest."""
    in_request(versioned_notes_page)
    api.portal.get_tool("portal_repository").retrieve(
        versioned_notes_page, versioned_notes_page.saved
    )
    assert not stored(versioned_notes_page)._p_changed
    assert titles(versioned_notes_page) == ["A later", "B"]
