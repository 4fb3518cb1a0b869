"""Widgets the server would refuse to add again, as Jane, an Editor: one
whose type is no longer registered (its add-on was removed), and an HTML
embed, which only Managers and Site Administrators may add. Design mode
offers the first no Edit (there is no settings form for it) nor Duplicate, and
says why, and brings back neither after someone else removed it: the server
refused such a new widget, and with it every save of the page until it was
removed again."""

from collective.composite import arrangement
from collective.composite.arrangement.storage import find
from design_pages import as_visitor
from design_pages import button
from design_pages import clashes
from design_pages import design_as
from design_pages import live
from design_pages import make_page
from design_pages import reapply
from design_pages import save
from design_pages import saved_by_someone_else
from design_pages import status
from design_pages import stored
from design_pages import text
from playwright.sync_api import expect
from plone import api

import pytest
import transaction


@pytest.fixture
def composite(acceptance_portal):
    """One column: Alpha, then Beta, whose type ``retired`` is registered no more."""
    page = make_page(
        acceptance_portal,
        {
            "layout": "one-column",
            "slots": {"main": [text("alpha", "Alpha"), text("beta", "Beta")]},
        },
    )
    with api.env.adopt_roles(["Manager"]):
        find(page).widgets["beta"].type = "retired"
    transaction.commit()
    return page


def test_a_widget_of_a_retired_type_offers_only_remove_says_why_and_still_moves(
    page, visitor, jane, composite
):
    design_as(page, jane)
    retired = page.get_by_role("group", name="retired: retired", exact=True)
    expect(retired).to_contain_text(
        "This widget's type (retired) is no longer installed: it can be moved "
        "or removed, not edited or duplicated."
    )
    expect(button(page, "Edit retired")).to_have_count(0)
    expect(button(page, "Duplicate retired")).to_have_count(0)
    expect(retired.get_by_role("button")).to_have_text(["Remove"])
    retired.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    expect(live(page)).to_contain_text("retired dropped")
    button(page, "Remove Alpha").click()
    save(page)

    assert stored(composite)["main"] == ["beta"]
    as_visitor(visitor)
    expect(visitor.get_by_text("Alpha", exact=True)).to_have_count(0)


def test_an_embed_someone_else_removed_stays_removed_when_reapplying_a_move(
    page, visitor, jane, embed_page
):
    design_as(page, jane)
    embed = page.get_by_role("group", name="HTML embed: Map")
    embed.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    expect(live(page)).to_contain_text("Map dropped")
    button(page, "Remove Beta").click()
    saved_by_someone_else(
        embed_page, lambda context: arrangement.remove_widget(context, "embed")
    )
    button(page, "Save").click()
    expect(status(page)).to_have_attribute("data-kind", "conflict")
    reapply(page)
    expect(clashes(page)).to_have_count(0)
    expect(embed).to_have_count(0)
    save(page)

    assert stored(embed_page)["main"] == ["alpha"]
    as_visitor(visitor)
    expect(visitor.get_by_text("Alpha", exact=True)).to_be_visible()
    expect(visitor.get_by_text("Map", exact=True)).to_have_count(0)
