"""A Site Administrator changes the add-on's settings through Site Setup →
Composite pages, by the accessible names a screen reader gives them."""

from browsing import login
from design_pages import add_user
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest
import re
import transaction


PASSWORD = "a password nobody guesses"
RETENTION = "collective.composite.history_retention"
RETENTION_LABEL = "Revisions of an arrangement kept in its history"


@pytest.fixture
def site_administrator(acceptance_portal) -> tuple[str, str]:
    """A user with the Site Administrator role and nothing more, committed."""
    add_user(acceptance_portal, "admin-jane", PASSWORD, ["Site Administrator"])
    return "admin-jane", PASSWORD


def stored_retention(portal) -> int:
    """:returns: the history retention as the server committed it (past the
    registry's cache of the test's request)."""
    transaction.begin()
    return portal.portal_registry.records[RETENTION].value


def test_a_site_administrator_changes_the_history_retention(
    page: Page, acceptance_portal, site_administrator
):
    login(page, *site_administrator)
    page.goto("@@overview-controlpanel")
    page.get_by_role("link", name="Composite pages").click()
    expect(page).to_have_url(re.compile(r"/@@composite-controlpanel$"))
    expect(page.get_by_role("heading", name="Composite pages")).to_be_visible()

    retention = page.get_by_label(RETENTION_LABEL)
    expect(retention).to_have_value("50")
    retention.fill("0")
    page.get_by_role("button", name="Save").click()
    # The form refuses it next to the field, saying the bound; the record is
    # unchanged.
    expect(page.get_by_text("At least 1.")).to_be_visible()
    assert stored_retention(acceptance_portal) == 50

    page.get_by_label(RETENTION_LABEL).fill("7")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    expect(page.get_by_label(RETENTION_LABEL)).to_have_value("7")
    assert stored_retention(acceptance_portal) == 7
