"""Design mode for a keyboard user, as an Editor: the focus stays in the editor
when the control that held it is disabled or goes away (Undo with nothing left
to undo, Save while and after saving, a drag with the mouse, a button of a
message), Escape closes the palette, and a card moved with the keys stays in
view, clear of the sticky toolbar, on a wide and on a narrow (mobile) window.
Found in an exploratory session; each test names one behaviour."""

from collective.composite import arrangement
from design_pages import button
from design_pages import card
from design_pages import card_ids
from design_pages import design_as
from design_pages import drag_with_mouse
from design_pages import live
from design_pages import saved_by_someone_else
from design_pages import slot
from design_pages import stored
from design_pages import text
from design_pages import two_columns
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest


# The focused element is inside the editor, and not a disabled control.
FOCUS_IN_EDITOR = """() => {
  const focused = document.activeElement;
  const editor = document.querySelector('[data-composite-editor]');
  return Boolean(focused && editor.contains(focused) && !focused.disabled);
}"""
# The focused element is in the window, below the sticky toolbar.
FOCUSED_IN_VIEW = """() => {
  const box = document.activeElement.getBoundingClientRect();
  const bar = document.querySelector('.composite-editor__bar').getBoundingClientRect();
  return box.top >= bar.bottom - 1 && box.bottom <= window.innerHeight + 1;
}"""


def expect_focus_in_editor(page: Page) -> None:
    """The focus stays in the editor once the browser settled it (a disabled
    or removed control loses it at the next frame)."""
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    )
    assert page.evaluate(FOCUS_IN_EDITOR)


def test_undoing_the_last_change_keeps_the_focus_for_redo_by_keys(designer):
    card(designer, "Beta").get_by_role("button", name="Remove Beta").press("Enter")
    button(designer, "Undo").press("Enter")
    expect(button(designer, "Undo")).to_be_disabled()
    expect_focus_in_editor(designer)
    designer.keyboard.press("Control+y")
    expect(live(designer)).to_have_text("Redone: removing Beta.")


def test_redoing_the_last_change_keeps_the_focus_for_undo_by_keys(designer):
    card(designer, "Beta").get_by_role("button", name="Remove Beta").press("Enter")
    button(designer, "Undo").press("Enter")
    button(designer, "Redo").focus()
    designer.keyboard.press("Enter")
    expect(button(designer, "Redo")).to_be_disabled()
    expect_focus_in_editor(designer)
    designer.keyboard.press("Control+z")
    expect(live(designer)).to_have_text("Undone: removing Beta.")


def test_saving_with_the_keyboard_keeps_the_focus_in_the_editor(designer, composite):
    card(designer, "Beta").get_by_role("button", name="Remove Beta").press("Enter")
    button(designer, "Save").press("Enter")
    expect(designer.locator("[data-composite-status]")).to_have_text("Saved.")
    expect_focus_in_editor(designer)
    assert stored(composite)["main"] == ["alpha"]


def test_ctrl_z_undoes_a_drag_with_the_mouse(designer):
    drag_with_mouse(designer, card(designer, "Beta"), slot(designer, "Sidebar"))
    expect(slot(designer, "Sidebar")).to_contain_text("Beta")
    designer.keyboard.press("Control+z")
    expect(live(designer)).to_have_text("Undone: moving Beta to Sidebar.")
    assert card_ids(designer, "Main") == ["alpha", "beta"]


def test_a_dragged_card_has_the_focus(designer):
    drag_with_mouse(designer, card(designer, "Beta"), slot(designer, "Sidebar"))
    expect(card(designer, "Beta")).to_be_focused()


def test_escape_closes_the_palette_and_goes_back_to_add_widget(designer):
    add = button(designer, "Add widget")
    add.press("Enter")
    palette = designer.locator("[data-composite-palette]")
    expect(palette.get_by_role("button", name="Content item")).to_be_focused()
    designer.keyboard.press("Escape")
    expect(palette).to_be_hidden()
    expect(add).to_have_attribute("aria-expanded", "false")
    expect(add).to_be_focused()


def test_reapplying_after_a_conflict_keeps_the_focus_in_the_editor(designer, composite):
    card(designer, "Beta").get_by_role("button", name="Remove Beta").press("Enter")
    saved_by_someone_else(
        composite, lambda page: arrangement.move_widget(page, "gamma", "main", 0)
    )
    button(designer, "Save").press("Enter")
    status = designer.locator("[data-composite-status]")
    expect(status).to_have_attribute("data-kind", "conflict")
    expect_focus_in_editor(designer)
    status.get_by_role("button", name="Re-apply my changes").press("Enter")
    expect(live(designer)).to_contain_text("Your change was re-applied")
    expect_focus_in_editor(designer)


@pytest.mark.parametrize("viewport", [(1280, 900), (360, 740)], ids=["wide", "narrow"])
def test_a_card_moved_with_the_keys_stays_in_view(
    page, jane, acceptance_portal, viewport
):
    two_columns(
        acceptance_portal, main=[text(f"w{i}", f"Widget {i}") for i in range(12)]
    )
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    design_as(page, jane)
    card(page, "Widget 0").focus()
    page.keyboard.press("Space")
    for step in range(11):
        page.keyboard.press("ArrowDown")
        expect(live(page)).to_contain_text(f"position {step + 2} of 12")
        in_view(page)
    for _step in range(11):
        page.keyboard.press("ArrowUp")
        in_view(page)
    page.keyboard.press("Space")
    expect(live(page)).to_contain_text("Widget 0 dropped at position 1 of 12 in Main")


def in_view(page: Page) -> None:
    """The focused card comes into the window, below the sticky toolbar (the
    theme may scroll smoothly: this waits until it is there)."""
    page.wait_for_function(FOCUSED_IN_VIEW)
