"""The cards of a broken widget and of a widget whose item was deleted, as an
Editor: on the real view they pass axe-core (a visitor sees neither); in
design mode they are no live regions, which screen readers announced again
each time the editor put them on the page (at start-up, on a layout
switch)."""

from accessibility import serious_violations
from browsing import login
from design_pages import as_visitor
from design_pages import button
from design_pages import design_as
from design_pages import live
from design_pages import make_library
from design_pages import make_page
from design_pages import real_ids
from design_pages import save
from design_pages import stored
from design_pages import text
from playwright.sync_api import expect
from plone import api

import pytest
import re
import transaction


@pytest.fixture
def composite(acceptance_portal):
    """One column: Alpha, an image widget showing a page (it fails: a page
    has no image) and a content item whose page is deleted."""
    library = make_library(acceptance_portal, "news", "All news", ["Document"])
    with api.env.adopt_roles(["Manager"]):
        gone = api.content.create(
            container=acceptance_portal, type="Document", id="gone", title="Gone"
        )
    page = make_page(
        acceptance_portal,
        {
            "layout": "one-column",
            "slots": {
                "main": [
                    text("alpha", "Alpha"),
                    {
                        "id": "broken",
                        "type": "image",
                        "settings": {"uid": library.document.UID(), "alt": "x"},
                    },
                    {
                        "id": "orphan",
                        "type": "content",
                        "settings": {"uid": gone.UID(), "display": "title"},
                    },
                ]
            },
        },
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(gone, check_linkintegrity=False)
    transaction.commit()
    return page


def test_error_and_missing_cards_on_the_real_view_have_no_serious_violations(
    page, jane, composite
):
    login(page, *jane)
    page.goto("page")
    main = page.locator("#content-core")
    expect(main).to_contain_text("This widget could not be shown.")
    expect(main).to_contain_text("Missing item.")
    assert serious_violations(page) == []
    as_visitor(page)
    expect(main).to_contain_text("Alpha")
    expect(main).not_to_contain_text("could not be shown")
    expect(main).not_to_contain_text("Missing item.")


def test_design_mode_announces_only_the_layout_switch_not_the_broken_cards(
    page, jane, composite
):
    design_as(page, jane)
    broken = page.get_by_role("group", name="Image: Opening hours", exact=True)
    expect(broken).to_contain_text("This widget could not be shown.")
    button(page, "Two columns").click()
    expect(live(page)).to_have_text("Layout changed to Two columns.")
    expect(broken).to_contain_text("This widget could not be shown.")
    # The live region is the page's one: no card speaks up by itself.
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("status")).to_have_count(1)
    save(page)
    assert stored(composite)["layout"] == "two-columns"
    as_visitor(page)
    assert real_ids(page, "main") == ["alpha"]


def test_a_broken_widget_s_card_is_described_by_what_went_wrong(page, jane, composite):
    design_as(page, jane)
    broken = page.get_by_role("group", name="Image: Opening hours", exact=True)
    expect(broken).to_have_accessible_description(
        re.compile(r"^This widget could not be shown\. .*Press Space or Enter")
    )
    missing = page.get_by_role("group", name="Content item: Content item")
    expect(missing).to_have_accessible_description(re.compile(r"^Missing item\. "))
    alpha = page.get_by_role("group", name="Text: Alpha", exact=True)
    expect(alpha).to_have_accessible_description(re.compile(r"^Press Space or Enter"))
    # Moved, it says so still; the move is stored.
    broken.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    expect(live(page)).to_contain_text("Opening hours dropped at position 1 of 3")
    expect(broken).to_have_accessible_description(
        re.compile(r"^This widget could not be shown\.")
    )
    save(page)
    assert stored(composite)["main"] == ["broken", "alpha", "orphan"]
    as_visitor(page)
    assert real_ids(page, "main") == ["alpha"]
