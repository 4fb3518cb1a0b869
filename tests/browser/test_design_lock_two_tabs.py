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


@pytest.fixture
def two_tabs(page, jane, composite) -> tuple[Page, Page]:
    """Jane, an Editor, in design mode of the page in two tabs."""
    design_as(page, jane)
    other_tab = page.context.new_page()
    open_design(other_tab)
    # Both tabs know of each other once the second one's greeting is answered.
    other_tab.wait_for_timeout(500)
    return page, other_tab


def leave(tab: Page) -> None:
    """Leave design mode with Cancel, and give the release time to arrive."""
    button(tab, "Cancel").click()
    expect(tab).to_have_url(re.compile(r"/page$"))
    tab.wait_for_timeout(1000)


def lock_holder(composite) -> str | None:
    """Who holds the page's lock, as the server committed it."""
    transaction.begin()
    infos = ILockable(composite).lock_info()
    return infos[0]["creator"] if infos else None


def test_leaving_one_tab_leaves_the_lock_with_the_other(
    ben, second_page, two_tabs, composite
):
    first, _ = two_tabs
    leave(first)
    assert lock_holder(composite) == "Jane"
    design_as(second_page, ben)
    expect(lock_banner(second_page)).to_contain_text(
        "Jane Doe has been designing this page since"
    )
    card(second_page, "Beta").get_by_role("button", name="Remove Beta").click()
    expect(button(second_page, "Save")).to_be_disabled()


def test_leaving_the_last_tab_releases_the_lock(ben, second_page, two_tabs, composite):
    first, second = two_tabs
    leave(first)
    leave(second)
    assert lock_holder(composite) is None
    design_as(second_page, ben)
    expect(lock_banner(second_page)).to_be_hidden()
    card(second_page, "Beta").get_by_role("button", name="Remove Beta").click()
    save(second_page)
    assert stored(composite)["main"] == ["alpha"]
    as_visitor(second_page)
    assert real_ids(second_page, "main") == ["alpha"]
