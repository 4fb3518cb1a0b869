"""The heading levels of a listing shown as cards, in the visitor's page: below
the listing's heading (h2) its items are h3; a listing without a heading has
its items at the level of the other widgets' titles (h2), not as h3 that
seem to belong to whatever heading came before."""

from collective.composite import arrangement
from design_pages import apply
from design_pages import as_visitor
from design_pages import design_as
from design_pages import make_library
from design_pages import save
from design_pages import settings_form
from design_pages import text
from design_pages import two_columns
from playwright.sync_api import expect

import pytest
import transaction


@pytest.fixture
def composite(acceptance_portal):
    """Two columns: Alpha in the main slot; in the sidebar, the listing
    Latest of the pages (Opening hours, the page itself), as cards."""
    library = make_library(acceptance_portal, "pages", "All pages", ["Document"])
    listing = {
        "id": "latest",
        "type": "listing",
        "settings": {
            "title": "Latest",
            "collection": library.collection.UID(),
            "display": "cards",
        },
    }
    return two_columns(
        acceptance_portal, main=[text("alpha", "Alpha")], sidebar=[listing]
    )


def test_a_listing_without_heading_shows_its_cards_as_widget_headings(
    page, jane, composite
):
    design_as(page, jane)
    listing = page.get_by_role("group", name="Listing: Latest", exact=True)
    listing.get_by_role("button", name="Edit Latest").click()
    form = settings_form(page)
    form.get_by_role("textbox", name="Heading", exact=True).fill("")
    apply(page, form)
    save(page)
    transaction.begin()
    (widget,) = arrangement.get(composite).slots["sidebar"]
    assert not widget.settings.get("title")
    as_visitor(page)
    sidebar = page.locator(".composite-slot-sidebar")
    expect(sidebar.get_by_role("heading", name="Opening hours")).to_be_visible()
    expect(sidebar.get_by_role("heading", level=3)).to_have_count(0)
    expect(
        sidebar.get_by_role("heading", level=2, name="Opening hours")
    ).to_be_visible()
