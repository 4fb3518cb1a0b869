"""An Editor designs a page while they may change it: submitted for review,
the page offers them no *Design* and refuses design mode, as Plone's edit form
does; a Site Administrator designs it still, and visitors see that once the
page is published."""

from browsing import login
from design_pages import add_user
from design_pages import as_visitor
from design_pages import card
from design_pages import design_as
from design_pages import make_page
from design_pages import stored
from design_pages import text
from playwright.sync_api import expect
from plone import api

import pytest
import transaction


@pytest.fixture
def reviewed(acceptance_portal):
    """A published-workflow page with one text widget, then submitted."""
    api.portal.get_tool("portal_workflow").setChainForPortalTypes(
        ("Document",), "simple_publication_workflow"
    )
    transaction.commit()
    page = make_page(
        acceptance_portal, {"slots": {"main": [text("a", "Opening hours")]}}
    )
    return page


def submit(page) -> None:
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(page, transition="submit")
    transaction.commit()


def design_action(page):
    return page.get_by_role("link", name="Design", exact=True)


def test_an_editor_is_offered_design_until_the_page_is_submitted(page, jane, reviewed):
    login(page, *jane)
    page.goto("page")
    expect(design_action(page)).to_be_visible()
    submit(reviewed)
    page.reload()
    expect(page.get_by_text("Opening hours")).to_be_visible()
    expect(design_action(page)).to_have_count(0)


def test_design_mode_refuses_an_editor_a_page_awaiting_review(page, jane, reviewed):
    submit(reviewed)
    login(page, *jane)
    response = page.goto("page/@@composite-design")
    assert response.status == 403
    expect(page.get_by_role("button", name="Save")).to_have_count(0)


def test_a_site_administrator_designs_a_page_awaiting_review(
    page, visitor, acceptance_portal, reviewed
):
    add_user(acceptance_portal, "sam", "a secret of Sam", ["Site Administrator"])
    submit(reviewed)
    design_as(page, ("sam", "a secret of Sam"))
    card(page, "Opening hours").get_by_role("button", name="Remove").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    assert stored(reviewed)["main"] == []
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(reviewed, transition="publish")
    transaction.commit()
    as_visitor(visitor)
    expect(visitor.get_by_role("heading", name="Our page")).to_be_visible()
    expect(visitor.get_by_text("Opening hours")).to_have_count(0)
