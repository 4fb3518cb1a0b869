"""The rig end to end: a site manager logs in and sees the add-on installed."""

from browsing import login
from browsing import screenshot
from playwright.sync_api import expect


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
