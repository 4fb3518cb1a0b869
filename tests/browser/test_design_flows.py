"""Design mode in Chromium: refused drops, two editors saving the same page,
switching layouts and the unplaced tray."""

from collective.composite import arrangement
from design_pages import button
from design_pages import card
from design_pages import card_ids
from design_pages import design_as
from design_pages import drag_with_mouse
from design_pages import expect_saved
from design_pages import make_page
from design_pages import open_design
from design_pages import real_ids
from design_pages import save
from design_pages import saved_by_someone_else
from design_pages import slot
from design_pages import stored
from design_pages import text
from design_pages import wait_for_editor
from playwright.sync_api import expect


def test_a_drop_on_a_full_slot_is_refused_with_the_reason(
    page, site_manager, acceptance_portal
):
    landing = make_page(
        acceptance_portal,
        {
            "layout": "landing",
            "slots": {"hero": [text("hero", "Big news")], "main": [text("m", "Body")]},
        },
    )
    design_as(page, site_manager)
    drag_with_mouse(page, card(page, "Body"), slot(page, "Hero"))
    status = page.locator("[data-composite-status]")
    expect(status).to_have_text(
        "Cannot drop here: Hero is full: it holds only one widget."
    )
    expect(status).to_be_visible()
    assert card_ids(page, "Hero") == ["hero"]
    assert card_ids(page, "Main") == ["m"]
    expect(button(page, "Save")).to_be_disabled()
    assert stored(landing)["hero"] == ["hero"]


def test_a_stale_save_offers_to_reapply_and_loses_nothing(
    page, second_page, site_manager, composite
):
    design_as(page, site_manager)
    other = second_page
    design_as(other, site_manager)
    # The other editor adds a copy of Alpha and saves first.
    card(other, "Alpha").get_by_role("button", name="Duplicate Alpha").click()
    save(other)
    copy = [wid for wid in stored(composite)["main"] if wid not in ("alpha", "beta")]
    assert len(copy) == 1
    # This editor, still on the old version, moves Alpha to the sidebar.
    drag_with_mouse(page, card(page, "Alpha"), slot(page, "Sidebar"))
    button(page, "Save").click()
    status = page.locator("[data-composite-status]")
    expect(status).to_have_attribute("data-kind", "conflict")
    expect(status).to_contain_text("Someone else saved this page")
    expect(status.get_by_role("button", name="Reload the page")).to_be_visible()
    expect(status.get_by_role("button", name="Discard my changes")).to_be_visible()
    status.get_by_role("button", name="Re-apply my changes").click()
    save(page)
    after = stored(composite)
    assert "alpha" in after["sidebar"]
    assert "gamma" in after["sidebar"]
    # Their copy stays where they put it: after Alpha, which moved away.
    assert after["main"] == [copy[0], "beta"]
    page.goto("page")
    assert real_ids(page, "main") == [copy[0], "beta"]


def test_a_stale_save_survives_reloading_the_page(page, site_manager, composite):
    design_as(page, site_manager)
    card(page, "Beta").get_by_role("button", name="Remove Beta").click()
    # Someone saves meanwhile (here: through the API).
    make_other_change(composite)
    button(page, "Save").click()
    status = page.locator("[data-composite-status]")
    expect(status).to_have_attribute("data-kind", "conflict")
    status.get_by_role("button", name="Reload the page").click()
    wait_for_editor(page)
    expect(status).to_contain_text("You have changes kept from before")
    status.get_by_role("button", name="Re-apply my changes").click()
    save(page)
    # Beta stays removed, and the other editor's move of Gamma stays too.
    assert stored(composite)["main"] == ["gamma", "alpha"]


def make_other_change(page) -> None:
    """Another editor's save: Gamma moved to the top of the main slot."""
    saved_by_someone_else(
        page, lambda page: arrangement.move_widget(page, "gamma", "main", 0)
    )


def test_switching_layout_keeps_widgets_in_the_tray_to_restore_them(
    page, site_manager, composite
):
    design_as(page, site_manager)
    page.get_by_role("button", name="One column").click()
    expect(page.get_by_role("button", name="One column")).to_have_attribute(
        "aria-pressed", "true"
    )
    tray = page.get_by_role("region", name="Unplaced widgets")
    expect(tray).to_contain_text("Gamma")
    expect(page.locator("[data-composite-live]")).to_contain_text(
        "Layout changed to One column"
    )
    save(page)
    assert stored(composite)["layout"] == "one-column"
    assert stored(composite)["unplaced"] == ["gamma"]
    page.goto("page")
    expect(page.locator(".composite-unplaced-notice")).to_be_visible()
    expect(page.locator("#content")).not_to_contain_text("Gamma")

    open_design(page)
    expect(tray).to_contain_text("Gamma")
    drag_with_mouse(page, card(page, "Gamma"), slot(page, "Main"))
    expect(tray).not_to_contain_text("Gamma")
    button(page, "Save").click()
    expect_saved(page)
    after = stored(composite)
    assert after["unplaced"] == []
    assert sorted(after["main"]) == ["alpha", "beta", "gamma"]
    page.goto("page")
    expect(page.locator(".composite-slot-main")).to_contain_text("Gamma")


def test_switching_back_restores_the_unplaced_widget_to_its_slot(
    page, site_manager, composite
):
    design_as(page, site_manager)
    page.get_by_role("button", name="One column").click()
    expect(page.get_by_role("region", name="Unplaced widgets")).to_contain_text("Gamma")
    page.get_by_role("button", name="Two columns").click()
    assert card_ids(page, "Sidebar") == ["gamma"]
    expect(button(page, "Save")).to_be_disabled()
