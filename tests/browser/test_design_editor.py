"""Design mode in Chromium: moving, adding, removing and saving widgets."""

from design_pages import add_text_widget
from design_pages import button
from design_pages import card
from design_pages import card_ids
from design_pages import design_as
from design_pages import drag_with_mouse
from design_pages import real_ids
from design_pages import rich_text_body
from design_pages import save
from design_pages import settings_frame
from design_pages import slot
from design_pages import stored
from playwright.sync_api import expect

import pytest


@pytest.fixture
def designer(page, site_manager, composite):
    design_as(page, site_manager)
    return page


def test_dragging_a_card_to_another_slot_and_saving_changes_the_real_page(
    designer, composite
):
    drag_with_mouse(designer, card(designer, "Beta"), slot(designer, "Sidebar"))
    expect(slot(designer, "Sidebar")).to_contain_text("Beta")
    shown = card_ids(designer, "Sidebar")
    assert sorted(shown) == ["beta", "gamma"]
    save(designer)
    assert stored(composite)["sidebar"] == shown
    designer.goto("page")
    assert real_ids(designer, "main") == ["alpha"]
    assert real_ids(designer, "sidebar") == shown


def test_moving_a_card_with_the_keyboard_only_and_saving(designer, composite):
    live = designer.locator("[data-composite-live]")
    card(designer, "Alpha").focus()
    designer.keyboard.press("Space")
    expect(live).to_contain_text("Picked up Alpha, position 1 of 2 in Main")
    designer.keyboard.press("ArrowRight")
    expect(live).to_contain_text("Alpha moved to position 1 of 2 in Sidebar")
    designer.keyboard.press("ArrowDown")
    designer.keyboard.press("Space")
    expect(live).to_contain_text("Alpha dropped at position 2 of 2 in Sidebar")
    expect(card(designer, "Alpha")).to_be_focused()
    button(designer, "Save").focus()
    designer.keyboard.press("Enter")
    expect(designer.locator("[data-composite-status]")).to_have_text("Saved.")
    assert stored(composite)["sidebar"] == ["gamma", "alpha"]
    designer.goto("page")
    assert real_ids(designer, "main") == ["beta"]
    assert real_ids(designer, "sidebar") == ["gamma", "alpha"]


def test_escape_puts_a_picked_up_card_back(designer):
    card(designer, "Alpha").focus()
    designer.keyboard.press("Enter")
    designer.keyboard.press("ArrowRight")
    designer.keyboard.press("Escape")
    expect(designer.locator("[data-composite-live]")).to_contain_text(
        "Move cancelled. Alpha is back at position 1 of 2 in Main"
    )
    assert card_ids(designer, "Main") == ["alpha", "beta"]
    expect(button(designer, "Save")).to_be_disabled()


def test_removing_a_card_then_undoing_brings_it_back_in_place(designer):
    card(designer, "Beta").get_by_role("button", name="Remove Beta").click()
    expect(card(designer, "Beta")).to_have_count(0)
    expect(button(designer, "Save")).to_be_enabled()
    button(designer, "Undo").click()
    expect(card(designer, "Beta")).to_be_visible()
    assert card_ids(designer, "Main") == ["alpha", "beta"]
    expect(button(designer, "Save")).to_be_disabled()
    button(designer, "Redo").click()
    expect(card(designer, "Beta")).to_have_count(0)


def test_duplicating_a_card_adds_a_copy_after_it(designer, composite):
    card(designer, "Alpha").get_by_role("button", name="Duplicate Alpha").click()
    ids = card_ids(designer, "Main")
    assert len(ids) == 3
    assert ids[0] == "alpha"
    assert ids[2] == "beta"
    save(designer)
    assert stored(composite)["main"] == ids


def test_adding_a_text_widget_from_the_palette_and_saving(designer, composite):
    dialog = add_text_widget(designer)
    form = settings_frame(designer)
    editable = rich_text_body(form)
    editable.click()
    designer.keyboard.type("Freshly added words")
    form.get_by_role("button", name="Apply").click()
    expect(dialog).to_have_count(0)
    new = card(designer, "Freshly added words")
    expect(new).to_be_visible()
    expect(new).to_be_focused()
    save(designer)
    main = stored(composite)["main"]
    assert main[:2] == ["alpha", "beta"]
    assert len(main) == 3
    designer.goto("page")
    expect(designer.locator(".composite-slot-main")).to_contain_text(
        "Freshly added words"
    )


def test_editing_settings_validates_on_the_server_and_updates_the_card(designer):
    card(designer, "Gamma").get_by_role("button", name="Edit Gamma").click()
    form = settings_frame(designer)
    editable = rich_text_body(form)
    expect(editable).to_contain_text("Gamma")
    editable.click()
    designer.keyboard.press("Control+A")
    designer.keyboard.type("Delta <script>")
    form.get_by_role("button", name="Apply").click()
    expect(card(designer, "Delta <script>")).to_be_visible()
    expect(card(designer, "Gamma")).to_have_count(0)
    button(designer, "Undo").click()
    expect(card(designer, "Gamma")).to_be_visible()


def test_cancelling_the_settings_of_a_new_widget_takes_it_away(designer):
    dialog = add_text_widget(designer)
    dialog.get_by_role("button", name="Close without applying").click()
    expect(dialog).to_have_count(0)
    assert card_ids(designer, "Main") == ["alpha", "beta"]


def test_preview_shows_the_unsaved_arrangement_and_saves_nothing(designer, composite):
    card(designer, "Beta").get_by_role("button", name="Remove Beta").click()
    with designer.expect_popup() as popup:
        button(designer, "Preview").click()
    preview = popup.value
    preview.wait_for_load_state()
    expect(preview.locator(".composite-preview-notice")).to_be_visible()
    expect(preview.locator(".composite-slot-main")).to_contain_text("Alpha")
    expect(preview.locator(".composite-slot-main")).not_to_contain_text("Beta")
    assert stored(composite)["main"] == ["alpha", "beta"]
