"""axe-core (from npm, resources/node_modules) on design mode and the real view:
no serious or critical accessibility violations.

Plone's own toolbar and theme chrome are left out of the check: axe finds
problems there (contrast of the theme's search button, breadcrumbs and footer
links, an ``aria-expanded`` on the toolbar's collapse link) that the add-on
neither renders nor can fix; the same for TinyMCE's editor inside the settings
form, and for its item picker and query builder. Everything the add-on
renders is checked.
"""

from accessibility import PLONE_WIDGETS
from accessibility import serious_violations
from accessibility import TINYMCE
from browsing import login
from collective.composite.arrangement import locking
from collective.composite.widgets.types import get_widget_type
from design_pages import add_user
from design_pages import button
from design_pages import card
from design_pages import make_page
from design_pages import open_design
from design_pages import shipped_widget_types
from design_pages import slot
from design_pages import text
from playwright.sync_api import expect
from plone import api

import pytest
import transaction


@pytest.fixture
def composite(acceptance_portal):
    return make_page(
        acceptance_portal,
        {
            "layout": "landing",
            "slots": {
                "hero": [text("hero", "Big news")],
                "feature-1": [text("f1", "First feature")],
                "main": [text("alpha", "Alpha"), text("beta", "Beta")],
            },
            "unplaced": [{**text("gone", "Kept aside"), "slot": "nowhere"}],
        },
    )


def test_design_mode_has_no_serious_violations(page, site_manager, composite):
    login(page, *site_manager)
    open_design(page)
    assert serious_violations(page) == []


def test_design_mode_with_palette_and_picked_up_card_has_no_serious_violations(
    page, site_manager, composite
):
    login(page, *site_manager)
    open_design(page)
    button(page, "Add widget").click()
    card(page, "Alpha").focus()
    page.keyboard.press("Space")
    assert serious_violations(page) == []


def test_design_mode_with_an_empty_slot_targeted_has_no_serious_violations(
    page, site_manager, composite
):
    login(page, *site_manager)
    open_design(page)
    empty = slot(page, "Feature 2")
    empty.click()
    expect(empty).to_be_focused()
    button(page, "Add widget").click()
    expect(page.get_by_text("New widgets go to Feature 2.")).to_be_visible()
    assert serious_violations(page) == []


def test_design_mode_with_history_and_lock_banner_has_no_serious_violations(
    page, site_manager, composite, acceptance_portal
):
    acceptance_portal.acl_users.userFolderAddUser("jane", "secret", ["Editor"], [])
    with api.env.adopt_user(username="jane"):
        locking.lock(composite)
    transaction.commit()
    login(page, *site_manager)
    open_design(page)
    expect(page.locator("[data-composite-lock]")).to_contain_text(
        "has been designing this page since"
    )
    button(page, "History").click()
    history = page.get_by_role("region", name="History")
    expect(history.locator("tbody th")).to_have_text(["Revision 1"])
    assert serious_violations(page) == []


def test_settings_dialog_has_no_serious_violations(page, site_manager, composite):
    login(page, *site_manager)
    open_design(page)
    card(page, "Alpha").get_by_role("button", name="Edit Alpha").click()
    frame = page.frame_locator(".composite-settings__frame")
    expect(frame.get_by_role("button", name="Apply")).to_be_visible()
    assert serious_violations(page, ".composite-settings") == []
    # axe checks a frame only when it runs in it too: the form itself.
    (form,) = [f for f in page.frames if "composite-widget-settings" in f.url]
    assert serious_violations(form, exclude=TINYMCE) == []


@pytest.mark.parametrize("type_name", shipped_widget_types())
def test_settings_dialog_of_each_widget_type_has_no_serious_violations(
    page, acceptance_portal, composite, type_name
):
    widget_type = get_widget_type(type_name)
    # Editors, but for types that need a permission Editors lack.
    role = "Site Administrator" if widget_type.permission else "Editor"
    add_user(acceptance_portal, "designer", "secret", [role])
    login(page, "designer", "secret")
    open_design(page)
    button(page, "Add widget").click()
    button(page, widget_type.title).click()
    form = page.get_by_role("dialog").frame_locator("iframe")
    expect(form.get_by_role("button", name="Apply", exact=True)).to_be_visible()
    # Plone's patterns (pickers, editor, query builder) load what they show.
    page.wait_for_load_state("networkidle")
    assert serious_violations(page, ".composite-settings") == []
    (frame,) = [f for f in page.frames if "composite-widget-settings" in f.url]
    assert serious_violations(frame, exclude=PLONE_WIDGETS) == []


def test_real_view_has_no_serious_violations(page, composite):
    page.goto("page")
    expect(page.locator(".composite-slot-main")).to_contain_text("Alpha")
    assert serious_violations(page) == []


def test_empty_page_inviting_into_design_mode_has_no_serious_violations(
    page, site_manager, acceptance_portal
):
    make_page(acceptance_portal, {"layout": "one-column", "slots": {}}, id_="empty")
    login(page, *site_manager)
    page.goto("empty")
    expect(page.get_by_role("link", name="Design this page")).to_be_visible()
    assert serious_violations(page) == []


def test_real_view_for_an_editor_has_no_serious_violations(
    page, site_manager, composite
):
    login(page, *site_manager)
    page.goto("page")
    expect(page.locator(".composite-unplaced-notice")).to_be_visible()
    assert serious_violations(page) == []
