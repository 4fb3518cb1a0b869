"""Where the focus lands after an Editor restores a revision from the History
panel: design mode reloads, and the message saying which revision was
restored takes the focus, so a screen reader reads it and Tab goes on into
the editor."""

from design_pages import as_visitor
from design_pages import card
from design_pages import open_history_of_a_second_revision
from design_pages import real_ids
from design_pages import status
from design_pages import stored
from playwright.sync_api import expect


def test_after_a_restore_the_message_saying_so_has_the_focus(page, jane, composite):
    history = open_history_of_a_second_revision(page, jane, composite)
    history.get_by_role("button", name="Restore revision 1").click()
    message = "Revision 1 is restored: it is the current arrangement now."
    expect(status(page)).to_have_text(message)
    expect(status(page)).to_be_focused()
    page.keyboard.press("Tab")
    expect(card(page, "Alpha")).to_be_focused()
    assert stored(composite)["main"] == ["alpha", "beta"]
    as_visitor(page)
    assert real_ids(page, "main") == ["alpha", "beta"]
