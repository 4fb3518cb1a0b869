"""Where the focus lands after an Editor restores a revision from the History
panel: design mode reloads, and the message saying which revision was
restored takes the focus, so a screen reader reads it and Tab goes on into
the editor."""

from collective.composite import arrangement
from design_pages import as_visitor
from design_pages import button
from design_pages import card
from design_pages import design_as
from design_pages import real_ids
from design_pages import status
from design_pages import stored
from design_pages import two_column_page
from playwright.sync_api import expect
from plone import api

import transaction


def test_after_a_restore_the_message_saying_so_has_the_focus(
    page, jane, acceptance_portal
):
    composite = two_column_page(acceptance_portal)
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        arrangement.move_widget(composite, "gamma", "main", 0)
    transaction.commit()
    design_as(page, jane)
    button(page, "History").click()
    history = page.get_by_role("region", name="History")
    history.get_by_role("button", name="Restore revision 1").click()
    message = "Revision 1 is restored: it is the current arrangement now."
    expect(status(page)).to_have_text(message)
    expect(status(page)).to_be_focused()
    page.keyboard.press("Tab")
    expect(card(page, "Alpha")).to_be_focused()
    assert stored(composite)["main"] == ["alpha", "beta"]
    as_visitor(page)
    assert real_ids(page, "main") == ["alpha", "beta"]
