"""The rig end to end: a site manager logs in and sees the add-on installed;
closing a test's pages lets their last requests be answered first; the rig's
own writes are tried again after a conflict."""

from browsing import close_settled
from browsing import login
from browsing import screenshot
from browsing import SETTLE_MS
from collective.composite import arrangement
from collective.composite.arrangement import locking
from design_pages import committed
from design_pages import move_with_keys
from design_pages import saved_by_someone_else
from design_pages import stored
from playwright.sync_api import expect
from zope.component import getGlobalSiteManager
from ZPublisher.interfaces import IPubAfterTraversal

import pytest
import time
import transaction


# How long the server takes to answer a lock release in these tests: longer
# than closing a browser context takes.
SLOW_RELEASE_S = 2


def test_site_manager_sees_addon_activated_in_addons_control_panel(page, site_manager):
    login(page, *site_manager)
    page.goto("@@prefs_install_products_form")
    activated = page.locator("#activated-products li").filter(
        has_text="collective.composite"
    )
    screenshot(page, "addons-control-panel")
    expect(activated).to_have_count(1)
    expect(activated.get_by_role("button", name="Uninstall")).to_be_visible()
    expect(page.locator("#install-products")).not_to_contain_text(
        "collective.composite"
    )


@pytest.fixture
def slow_lock_release():
    """The server answers a lock release (``DELETE @composite-lock``) only
    after :data:`SLOW_RELEASE_S`, as a busy one may."""

    def delay(event):
        request = event.request
        if request.method == "DELETE" and request["PATH_INFO"].endswith(
            "@composite-lock"
        ):
            time.sleep(SLOW_RELEASE_S)

    registry = getGlobalSiteManager()
    registry.registerHandler(delay, (IPubAfterTraversal,))
    yield
    registry.unregisterHandler(delay, (IPubAfterTraversal,))


def lock_holder(composite) -> str | None:
    """Who holds the page's design lock, as the server committed it."""
    transaction.begin()
    return locking.get_lock(composite).creator


def test_closing_design_mode_with_unsaved_changes_waits_for_its_lock_release(
    designer, composite, slow_lock_release
):
    # Unsaved: leaving would ask first (``beforeunload``).
    move_with_keys(designer, "Alpha", "ArrowRight")
    assert lock_holder(composite) == "Jane"
    close_settled(designer.context)
    assert lock_holder(composite) is None
    saved_by_someone_else(
        composite, lambda page: arrangement.move_widget(page, "gamma", "main", 0)
    )
    assert stored(composite)["main"] == ["gamma", "alpha", "beta"]


def test_a_script_that_never_loads_does_not_hold_up_closing_its_page(page):
    page.goto("")
    # Never answered, as a script chunk whose end Playwright never reports.
    page.route("**/never.js", lambda route: None)
    with page.expect_request("**/never.js"):
        page.evaluate(
            """() => document.head.append(
              Object.assign(document.createElement('script'), {src: 'never.js'}))"""
        )
    began = time.monotonic()
    close_settled(page.context)
    assert time.monotonic() - began < SETTLE_MS / 1000


def test_a_write_of_the_rig_meeting_a_conflict_is_tried_again(acceptance_portal):
    written = []

    def retitle():
        acceptance_portal.title = f"Attempt {len(written) + 1}"
        if not written:
            # A request of the server retitles the site meanwhile.
            manager = transaction.TransactionManager()
            other = acceptance_portal._p_jar.db().open(transaction_manager=manager)
            other.root()["Application"]["plone"].title = "The server's"
            manager.commit()
            other.close()
        written.append(acceptance_portal.title)

    committed(retitle)
    assert written == ["Attempt 1", "Attempt 2"]
    transaction.begin()
    assert acceptance_portal.title == "Attempt 2"
