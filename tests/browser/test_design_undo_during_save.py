"""Ctrl+Z (and every other change) while a save is under way, as Jane, an
Editor. The Undo and Redo buttons wait for the save's answer; the keys did
not, and an undo past the save brought back, unsaved, the HTML embed the save
was deleting (a widget only Managers and Site Administrators may add): the
next save was refused. Now design mode refuses every change until the save
answers, and says so; the save's answer is what is stored and shown."""

from design_pages import as_visitor
from design_pages import button
from design_pages import card
from design_pages import card_ids
from design_pages import design_as
from design_pages import expect_saved
from design_pages import live
from design_pages import move_with_keys
from design_pages import save
from design_pages import status
from playwright.sync_api import expect
from playwright.sync_api import Page
from test_explore_editor_journeys import hold_saves
from test_explore_editor_journeys import wait_until_held


WAIT = (
    "Please wait: the page is being saved. Nothing was changed; try again once "
    "it is saved."
)


def stored_over_rest(page: Page) -> dict[str, list[str]]:
    """The widget ids per slot (and ``unplaced``) that ``GET @composite`` gives."""
    response = page.request.get(
        "page/@composite", headers={"Accept": "application/json"}
    )
    assert response.ok, response.text()
    data = response.json()
    places = {name: [w["id"] for w in ws] for name, ws in data["slots"].items()}
    places["unplaced"] = [w["id"] for w in data["unplaced"]]
    return places


def test_ctrl_z_during_a_save_is_refused_and_the_removed_embed_stays_removed(
    page, visitor, jane, embed_page
):
    design_as(page, jane)
    embed = page.get_by_role("group", name="HTML embed: Map")
    embed.get_by_role("button", name="Remove Map").click()
    held = hold_saves(page)
    button(page, "Save").click()
    expect(button(page, "Undo")).to_be_disabled()
    wait_until_held(page, held)

    card(page, "Beta").focus()
    for keys in ("Control+z", "Control+Shift+z", "Control+y", "Meta+z"):
        page.keyboard.press(keys)
        expect(live(page)).to_have_text(WAIT)
    expect(status(page)).to_have_text(WAIT)
    expect(embed).to_have_count(0)

    held.pop().continue_()
    expect_saved(page)
    page.unroute("**/@composite")
    expect(embed).to_have_count(0)
    expect(button(page, "Save")).to_be_disabled()
    assert stored_over_rest(page) == {"main": ["alpha", "beta"], "unplaced": []}
    # The save is no step to undo past: the embed cannot come back.
    card(page, "Beta").focus()
    page.keyboard.press("Control+z")
    expect(live(page)).to_have_text("Nothing to undo.")

    move_with_keys(page, "Beta", "ArrowUp")
    save(page)
    assert card_ids(page, "Main") == ["beta", "alpha"]
    assert stored_over_rest(page) == {"main": ["beta", "alpha"], "unplaced": []}
    as_visitor(visitor)
    expect(visitor.get_by_text("Beta", exact=True)).to_be_visible()
    expect(visitor.get_by_text("Map", exact=True)).to_have_count(0)
