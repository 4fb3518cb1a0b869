"""Two Editors design the same page at once in two browsers, on a site whose
design lock does not refuse other users' saves (the setting
``collective.composite.lock_refuses_saves`` off): the second one is told who
else is designing, without Take over, and saves; the first one's save meets
that newer version and merges. (With the setting on, the default,
test_design_lock_takeover.py covers the take-over.)"""

from design_pages import button
from design_pages import card
from design_pages import design_as
from design_pages import move_with_keys
from design_pages import real_ids
from design_pages import reapply
from design_pages import save
from design_pages import status
from design_pages import two_column_page
from playwright.sync_api import expect
from playwright.sync_api import Page
from plone import api

import pytest


RECORD = "collective.composite.lock_refuses_saves"


@pytest.fixture
def composite(acceptance_portal):
    """Alpha and Beta in the main slot, Gamma in the sidebar, on a site whose
    lock refuses nobody's saves."""
    api.portal.set_registry_record(RECORD, False)
    return two_column_page(acceptance_portal)


@pytest.fixture
def both_designing(page, second_page, jane, ben, composite) -> tuple[Page, Page]:
    """Jane opens design mode first (so holds the lock), then Ben.

    :returns: Jane's page and Ben's page.
    """
    design_as(page, jane)
    remove(page, "Beta")
    # Save is enabled once the lock is hers.
    expect(button(page, "Save")).to_be_enabled()
    design_as(second_page, ben)
    return page, second_page


def remove(page: Page, title: str) -> None:
    card(page, title).get_by_role("button", name=f"Remove {title}").click()


def stored_over_rest(page: Page) -> dict[str, list[str]]:
    """The arrangement ``GET @composite`` gives, as slot name -> widget ids."""
    response = page.request.get(
        "page/@composite", headers={"Accept": "application/json"}
    )
    assert response.ok, response.text()
    data = response.json()
    ids = {name: [w["id"] for w in widgets] for name, widgets in data["slots"].items()}
    ids["unplaced"] = [w["id"] for w in data["unplaced"]]
    return ids


def test_the_second_designer_is_told_who_else_designs_without_take_over(
    both_designing,
):
    _, ben_page = both_designing
    banner = ben_page.locator("[data-composite-lock]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Jane Doe has also been designing this page since")
    expect(banner).to_contain_text(
        "You can both save: saves by either of you are merged."
    )
    expect(ben_page.get_by_role("button", name="Take over")).to_be_hidden()
    remove(ben_page, "Gamma")
    expect(button(ben_page, "Save")).to_be_enabled()


def test_both_designers_save_and_the_page_keeps_both_changes(
    both_designing, visitor: Page
):
    jane_page, ben_page = both_designing
    # Ben moves Alpha to the sidebar and saves while Jane holds the lock.
    move_with_keys(ben_page, "Alpha", "ArrowRight")
    save(ben_page)
    # Jane's save meets Ben's version: the merge path, as after any conflict.
    button(jane_page, "Save").click()
    expect(status(jane_page)).to_have_attribute("data-kind", "conflict")
    expect(status(jane_page)).to_contain_text("Someone else saved this page")
    reapply(jane_page)
    expect(status(jane_page)).to_contain_text(
        "re-applied on top of Ben Baker's version"
    )
    save(jane_page)

    after = stored_over_rest(ben_page)
    assert after["main"] == []
    assert sorted(after["sidebar"]) == ["alpha", "gamma"]
    assert after["unplaced"] == []

    visitor.goto("page")
    assert real_ids(visitor, "main") == []
    assert sorted(real_ids(visitor, "sidebar")) == ["alpha", "gamma"]
    expect(visitor.get_by_text("Beta")).to_have_count(0)
