"""A Site Administrator chooses, in Site Setup → Composite pages, which types
may be composite and whether the design lock refuses other users' saves, by
the accessible names a screen reader gives the fields."""

from browsing import login
from design_pages import add_user
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest
import transaction


PASSWORD = "a password nobody guesses"
TYPES = "collective.composite.composite_types"
REFUSES = "collective.composite.lock_refuses_saves"
BEHAVIOR = "collective.composite.composite"
LOCK_LABEL = "The design lock refuses other users' saves"


@pytest.fixture
def panel(page: Page, acceptance_portal) -> Page:
    """The control panel, open as a Site Administrator."""
    add_user(acceptance_portal, "admin-joe", PASSWORD, ["Site Administrator"])
    login(page, "admin-joe", PASSWORD)
    page.goto("@@composite-controlpanel")
    return page


def committed(portal, name: str):
    """:returns: a record as the server committed it."""
    transaction.begin()
    return portal.portal_registry.records[name].value


def type_box(page: Page, title: str):
    """The checkbox of a type under "Types that may be composite"."""
    return page.get_by_role("checkbox", name=title, exact=True)


def test_ticking_a_type_makes_it_composite(panel: Page, acceptance_portal):
    expect(panel.get_by_text("Types that may be composite")).to_be_visible()
    expect(type_box(panel, "Composite Page")).to_be_checked()
    expect(type_box(panel, "Page")).not_to_be_checked()
    type_box(panel, "Page").check()
    panel.get_by_role("button", name="Save").click()
    expect(panel.get_by_text("Changes saved.")).to_be_visible()
    expect(type_box(panel, "Page")).to_be_checked()
    assert "Document" in committed(acceptance_portal, TYPES)
    assert BEHAVIOR in acceptance_portal.portal_types["Document"].behaviors


def test_unticking_composite_page_is_refused(panel: Page, acceptance_portal):
    type_box(panel, "Composite Page").uncheck()
    panel.get_by_role("button", name="Save").click()
    expect(panel.get_by_text("Composite Page is always composite")).to_be_visible()
    assert "Composite Page" in committed(acceptance_portal, TYPES)


def test_turning_the_lock_refusal_off(panel: Page, acceptance_portal):
    refuses = panel.get_by_label(LOCK_LABEL)
    expect(refuses).to_be_checked()
    refuses.uncheck()
    panel.get_by_role("button", name="Save").click()
    expect(panel.get_by_text("Changes saved.")).to_be_visible()
    expect(panel.get_by_label(LOCK_LABEL)).not_to_be_checked()
    assert committed(acceptance_portal, REFUSES) is False
