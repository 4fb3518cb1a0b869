"""The design lock of an Editor with design mode open in two tabs of one
browser: leaving design mode in one tab leaves the lock with the other, so
nobody else can take the page without a takeover meanwhile; leaving it in the
last tab releases the lock."""

from design_pages import as_visitor
from design_pages import button
from design_pages import card
from design_pages import design_as
from design_pages import lock_banner
from design_pages import open_design
from design_pages import real_ids
from design_pages import save
from design_pages import stored
from playwright.sync_api import expect
from playwright.sync_api import Page
from plone.locking.interfaces import ILockable

import pytest
import re
import transaction


# The tab's design mode knows of another tab designing the page (or of none).
KNOWS_ANOTHER_TAB = """() => document.querySelector('[data-composite-editor]')
  .compositeEditor.lock.peers.size > 0"""
KNOWS_NO_OTHER_TAB = """() => document.querySelector('[data-composite-editor]')
  .compositeEditor.lock.peers.size === 0"""
# How long the server may take to commit a release: as long as the rig lets
# any action or assertion take (TIMEOUT_MS in conftest.py).
RELEASE_MS = 20_000


@pytest.fixture
def two_tabs(page, jane, composite) -> tuple[Page, Page]:
    """Jane, an Editor, in design mode of the page in two tabs."""
    design_as(page, jane)
    other_tab = page.context.new_page()
    open_design(other_tab)
    # Both tabs know of each other once the second one's greeting is answered
    # (however long a busy machine takes to pass it on).
    page.wait_for_function(KNOWS_ANOTHER_TAB)
    other_tab.wait_for_function(KNOWS_ANOTHER_TAB)
    return page, other_tab


def leave(tab: Page, staying: Page | None = None) -> None:
    """Leave design mode with Cancel; ``staying``, the tab still designing the
    page, if any, hears that this one went (it may be the last one then)."""
    button(tab, "Cancel").click()
    expect(tab).to_have_url(re.compile(r"/page$"))
    if staying is not None:
        staying.wait_for_function(KNOWS_NO_OTHER_TAB)


def lock_holder(composite) -> str | None:
    """Who holds the page's lock, as the server committed it."""
    transaction.begin()
    infos = ILockable(composite).lock_info()
    return infos[0]["creator"] if infos else None


def wait_for_release(page: Page, composite) -> None:
    """Wait until the server committed the release of the page's lock, which
    the last tab sends as it goes (a busy server may answer it late)."""
    for _ in range(RELEASE_MS // 100):
        if lock_holder(composite) is None:
            return
        # Waiting on a page lets Playwright go on with its events meanwhile.
        page.wait_for_timeout(100)
    raise AssertionError(f"{lock_holder(composite)} still holds the lock")


def test_leaving_one_tab_leaves_the_lock_with_the_other(
    ben, second_page, two_tabs, composite
):
    first, second = two_tabs
    leave(first, staying=second)
    assert lock_holder(composite) == "Jane"
    design_as(second_page, ben)
    expect(lock_banner(second_page)).to_contain_text(
        "Jane Doe has been designing this page since"
    )
    card(second_page, "Beta").get_by_role("button", name="Remove Beta").click()
    expect(button(second_page, "Save")).to_be_disabled()


def test_leaving_the_last_tab_releases_the_lock(ben, second_page, two_tabs, composite):
    first, second = two_tabs
    leave(first, staying=second)
    leave(second)
    wait_for_release(second, composite)
    assert lock_holder(composite) is None
    design_as(second_page, ben)
    expect(lock_banner(second_page)).to_be_hidden()
    card(second_page, "Beta").get_by_role("button", name="Remove Beta").click()
    save(second_page)
    assert stored(composite)["main"] == ["alpha"]
    as_visitor(second_page)
    assert real_ids(second_page, "main") == ["alpha"]
