"""An Editor's session ends while design mode holds unsaved changes (she
logged out in another tab): Save says she is logged out rather than not
allowed, keeps her changes on screen, and saves them once she is logged in
again; logging in again in a widget's settings dialog (which shows Plone's
login form then) brings the widget's settings back. Far down a long page, the
message of a failed save comes into view."""

from browsing import login
from design_pages import as_visitor
from design_pages import button
from design_pages import card
from design_pages import card_ids
from design_pages import design_as
from design_pages import expect_saved
from design_pages import move_with_keys
from design_pages import real_ids
from design_pages import rich_text_body
from design_pages import settings_form
from design_pages import status
from design_pages import stored
from design_pages import text
from design_pages import two_columns
from playwright.sync_api import expect


def test_a_save_after_logging_out_elsewhere_says_so_and_keeps_the_changes(
    designer, jane, composite
):
    move_with_keys(designer, "Alpha", "ArrowRight")
    other_tab = designer.context.new_page()
    other_tab.goto("logout")
    button(designer, "Save").click()
    expect(status(designer)).to_have_attribute("data-kind", "error")
    expect(status(designer)).to_contain_text("You are logged out")
    expect(status(designer)).to_contain_text("Your changes are still here")
    # Nothing was stored, and nothing of hers is gone from the screen.
    assert stored(composite)["sidebar"] == ["gamma"]
    assert card_ids(designer, "Sidebar") == ["alpha", "gamma"]
    expect(button(designer, "Save")).to_be_enabled()

    login(other_tab, *jane)
    other_tab.close()
    card(designer, "Alpha").focus()
    button(designer, "Save").click()
    expect_saved(designer)
    assert stored(composite)["sidebar"] == ["alpha", "gamma"]
    as_visitor(designer)
    assert real_ids(designer, "sidebar") == ["alpha", "gamma"]


def test_far_down_a_long_page_the_message_of_a_failed_save_comes_into_view(
    page, jane, acceptance_portal
):
    long_page = two_columns(
        acceptance_portal,
        main=[text(f"m{i}", f"Main widget {i}") for i in range(40)],
        sidebar=[text("s0", "Side widget 0")],
    )
    design_as(page, jane)
    move_with_keys(page, "Main widget 39", "ArrowUp")
    expect(status(page)).not_to_be_in_viewport()
    # The network is down when she saves.
    page.route("**/@composite", lambda route: route.abort())
    button(page, "Save").click()
    expect(status(page)).to_contain_text("The server cannot be reached")
    expect(status(page)).to_be_in_viewport()
    page.unroute("**/@composite")
    assert stored(long_page)["main"][-2:] == ["m38", "m39"]
    assert card_ids(page, "Main")[-2:] == ["m39", "m38"]
    button(page, "Save").click()
    expect_saved(page)
    assert stored(long_page)["main"][-2:] == ["m39", "m38"]
    as_visitor(page)
    assert real_ids(page, "main")[-2:] == ["m39", "m38"]


def test_logging_in_again_in_the_settings_dialog_brings_the_settings_back(
    designer, jane, composite
):
    move_with_keys(designer, "Alpha", "ArrowRight")
    other_tab = designer.context.new_page()
    other_tab.goto("logout")
    other_tab.close()
    card(designer, "Beta").get_by_role("button", name="Edit Beta").click()
    login_form = designer.get_by_role("dialog").frame_locator("iframe")
    login_form.get_by_label("Login Name").fill(jane[0])
    login_form.get_by_label("Password").fill(jane[1])
    login_form.get_by_role("button", name="Log in").click()
    form = settings_form(designer)
    expect(rich_text_body(form)).to_contain_text("Beta")
    form.get_by_role("button", name="Cancel").click()
    expect(designer.get_by_role("dialog")).to_have_count(0)
    button(designer, "Save").click()
    expect_saved(designer)
    assert stored(composite)["sidebar"] == ["alpha", "gamma"]
    as_visitor(designer)
    assert real_ids(designer, "sidebar") == ["alpha", "gamma"]
