"""Design mode as an Editor, at the edges an editor meets in practice: a
decorative image (no alternative text) edited, a listing that finds nothing, a
content item made private after it was placed, a widget of the unplaced tray
put back into a slot with the keys only, a copy made in the tray. Each is
checked in what the server stored and in the visitor's view. Found in an
exploratory session; none of these flows had a browser test before."""

from collective.composite import arrangement
from design_pages import apply
from design_pages import as_visitor
from design_pages import card_ids
from design_pages import design_as
from design_pages import Library
from design_pages import live
from design_pages import make_library
from design_pages import open_design
from design_pages import real_ids
from design_pages import save
from design_pages import settings_form
from design_pages import stored
from design_pages import text
from design_pages import two_columns
from page_fixtures import hide
from playwright.sync_api import expect
from playwright.sync_api import Page
from plone import api

import pytest
import transaction


@pytest.fixture
def items(acceptance_portal) -> Library:
    """An image, a document and a collection that finds nothing (the
    events, of which there are none), committed."""
    return make_library(acceptance_portal, "events", "Our events", ["Event"])


@pytest.fixture
def composite(acceptance_portal, items):
    """Alpha and the content item Opening hours in the main slot; the listing
    Upcoming events (of a collection that finds nothing) and Gamma in the
    sidebar."""
    return two_columns(
        acceptance_portal,
        main=[
            text("alpha", "Alpha"),
            {
                "id": "hours",
                "type": "content",
                "settings": {"uid": items.document.UID(), "display": "title"},
            },
        ],
        sidebar=[
            {
                "id": "events",
                "type": "listing",
                "settings": {
                    "title": "Upcoming events",
                    "collection": items.collection.UID(),
                    "display": "titles",
                },
            },
            text("gamma", "Gamma"),
        ],
    )


def group(page: Page, name: str):
    return page.get_by_role("group", name=name, exact=True)


def test_a_decorative_image_stays_decorative_when_its_caption_changes(
    page, jane, composite, items
):
    """An image stored without alternative text (``alt`` empty: decorative),
    its caption changed in the dialog: the empty field is what it was, not a
    value left out for the image's title to stand in."""
    decorative = {"uid": items.image.UID(), "scale": "preview", "alt": ""}
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        arrangement.add_widget(composite, "sidebar", "image", settings=decorative)
    transaction.commit()
    designer = page
    design_as(designer, jane)
    photo = group(designer, "Image: Workshop photo")
    expect(photo).to_contain_text("Decorative image (no alternative text)")
    photo.get_by_role("button", name="Edit Workshop photo").press("Enter")
    form = settings_form(designer)
    expect(form.get_by_label("Alternative text", exact=True)).to_have_value("")
    form.get_by_label("Caption").fill("Our workshop")
    apply(designer, form)
    expect(photo).to_be_focused()
    expect(photo).to_contain_text("Decorative image (no alternative text)")
    save(designer)

    (widget,) = [w for w in stored_widgets(composite, "sidebar") if w.type == "image"]
    assert widget.settings["alt"] == ""
    assert widget.settings["caption"] == "Our workshop"
    as_visitor(designer)
    sidebar = designer.locator(".composite-slot-sidebar")
    expect(sidebar.locator("img")).to_have_attribute("alt", "")
    expect(sidebar).to_contain_text("Our workshop")


def stored_widgets(page, slot_name: str) -> list:
    """The widgets of a slot as the server committed them."""
    transaction.begin()
    return list(arrangement.get(page).slots[slot_name])


def test_a_listing_that_finds_nothing_says_so_to_visitors(designer):
    listing = group(designer, "Listing: Upcoming events")
    expect(listing).to_be_visible()
    as_visitor(designer)
    sidebar = designer.locator(".composite-slot-sidebar")
    expect(sidebar.get_by_role("heading", name="Upcoming events")).to_be_visible()
    expect(sidebar).to_contain_text("Nothing to show yet.")
    # No list of no items for screen readers to announce first.
    expect(sidebar.get_by_role("list")).to_have_count(0)


def test_a_content_item_made_private_is_missing_in_design_and_hidden_from_visitors(
    designer, items
):
    hide(items.document)
    transaction.commit()
    open_design(designer)
    # Its title is not shown to whom may not see the item.
    missing = designer.locator("[data-widget-id=hours]")
    expect(missing).to_contain_text("Missing item.")
    as_visitor(designer)
    assert real_ids(designer, "main") == ["alpha"]
    expect(designer.locator("#content")).not_to_contain_text("Opening hours")


def test_an_unplaced_widget_goes_back_into_a_slot_with_the_keys_only(
    designer, composite
):
    designer.get_by_role("button", name="One column").press("Enter")
    expect(live(designer)).to_have_text(
        "Layout changed to One column. Widgets moved to the unplaced tray: 2."
    )
    group(designer, "Text: Gamma").focus()
    designer.keyboard.press("Space")
    expect(live(designer)).to_contain_text(
        "Picked up Gamma, position 2 of 2 in Unplaced widgets."
    )
    designer.keyboard.press("ArrowLeft")
    expect(live(designer)).to_have_text("Gamma moved to position 2 of 3 in Main.")
    designer.keyboard.press("Space")
    expect(live(designer)).to_have_text("Gamma dropped at position 2 of 3 in Main.")
    expect(group(designer, "Text: Gamma")).to_be_focused()
    save(designer)

    after = stored(composite)
    assert after["layout"] == "one-column"
    assert after["main"] == ["alpha", "gamma", "hours"]
    assert after["unplaced"] == ["events"]
    as_visitor(designer)
    assert real_ids(designer, "main") == ["alpha", "gamma", "hours"]


def test_a_copy_made_in_the_tray_comes_back_with_its_original(designer, composite):
    designer.get_by_role("button", name="One column").press("Enter")
    tray = designer.get_by_role("region", name="Unplaced widgets")
    group(designer, "Text: Gamma").get_by_role("button", name="Duplicate Gamma").press(
        "Enter"
    )
    expect(live(designer)).to_have_text(
        "Copy of Gamma added after it in Unplaced widgets."
    )
    expect(group(designer, "Text: Gamma (2)")).to_be_focused()
    expect(tray.get_by_role("group")).to_have_count(3)
    designer.get_by_role("button", name="Two columns").press("Enter")
    expect(live(designer)).to_have_text(
        "Layout changed to Two columns. Widgets restored from the unplaced tray: 3."
    )
    sidebar = card_ids(designer, "Sidebar")
    assert sidebar[0] == "events"
    assert sidebar[1] == "gamma"
    assert len(sidebar) == 3
    save(designer)

    assert stored(composite)["sidebar"] == sidebar
    as_visitor(designer)
    assert real_ids(designer, "sidebar") == sidebar
    expect(designer.locator(".composite-slot-sidebar")).to_contain_text("Gamma")
