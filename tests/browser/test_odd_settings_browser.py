"""A site whose payload-limit record was left empty (``None``) by code: Jane,
an Editor, still designs and saves its pages, and visitors see the change."""

from browsing import login
from design_pages import as_visitor
from design_pages import stored
from playwright.sync_api import expect
from plone import api

import transaction


def test_a_save_goes_through_with_an_empty_payload_limit(
    page, visitor, jane, composite
):
    registry = api.portal.get_tool("portal_registry")
    registry["collective.composite.max_payload_bytes"] = None
    transaction.commit()
    login(page, *jane)
    page.goto("page/@@composite-design")
    page.get_by_role("button", name="Remove Alpha").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("[data-composite-status]")).to_have_text("Saved.")

    assert stored(composite)["main"] == ["beta"]
    as_visitor(visitor)
    expect(visitor.get_by_text("Beta", exact=True)).to_be_visible()
    expect(visitor.get_by_text("Alpha", exact=True)).to_have_count(0)
