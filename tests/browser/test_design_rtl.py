"""An editor of a right-to-left site (Hebrew) designs a two-column page.

Plone writes such a site's pages ``dir="rtl"``: the main column is drawn on the
right, the sidebar on its left. Jane, an Editor, moves cards with the arrow
keys as she sees the slots, and design mode draws the page around the cards
as the real page is drawn. The site's language is set after logging in (the
login form speaks it too); each test's database is thrown away after it, and
the site's language with it.
"""

from browsing import login
from design_pages import add_user
from design_pages import card
from design_pages import card_ids
from design_pages import live
from design_pages import open_design
from design_pages import slot
from playwright.sync_api import expect
from playwright.sync_api import Page
from plone import api

import pytest
import re
import transaction


PASSWORD = "a password nobody guesses"


def speak_hebrew() -> None:
    """The site speaks Hebrew, a right-to-left language (not shipped: the
    add-on's texts stay English)."""
    api.portal.set_registry_record("plone.available_languages", ["he"])
    api.portal.set_registry_record("plone.default_language", "he")
    transaction.commit()


@pytest.fixture
def rtl_designer(page: Page, jane, composite) -> Page:
    """Jane in design mode of ``composite`` on the Hebrew site."""
    login(page, *jane)
    speak_hebrew()
    open_design(page)
    return page


@pytest.fixture
def hebrew_gallery(page: Page, acceptance_portal) -> Page:
    """A Site Administrator (the gallery is theirs, not an Editor's) on the
    layout gallery of the Hebrew site."""
    add_user(acceptance_portal, "rtl-admin", PASSWORD, ["Site Administrator"])
    login(page, "rtl-admin", PASSWORD)
    speak_hebrew()
    page.goto("@@composite-layout-gallery")
    return page


def test_the_left_arrow_moves_a_card_to_the_slot_on_the_left(rtl_designer: Page):
    main = slot(rtl_designer, "Main").bounding_box()
    sidebar = slot(rtl_designer, "Sidebar").bounding_box()
    assert sidebar["x"] + sidebar["width"] <= main["x"]
    card(rtl_designer, "Alpha").focus()
    rtl_designer.keyboard.press("Space")
    rtl_designer.keyboard.press("ArrowLeft")
    expect(live(rtl_designer)).to_contain_text(
        "Alpha moved to position 1 of 2 in Sidebar"
    )
    assert card_ids(rtl_designer, "Sidebar") == ["alpha", "gamma"]


def test_the_right_arrow_moves_a_card_to_the_slot_on_the_right(rtl_designer: Page):
    card(rtl_designer, "Gamma").focus()
    rtl_designer.keyboard.press("Space")
    rtl_designer.keyboard.press("ArrowRight")
    expect(live(rtl_designer)).to_contain_text("Gamma moved to position 1 of 3 in Main")
    assert card_ids(rtl_designer, "Main") == ["gamma", "alpha", "beta"]


# The page drawn around the cards is decoration (hidden from assistive
# technology, without names): found by its classes, Plone's by their ids.


def test_the_search_box_is_drawn_left_of_the_logo_as_on_the_real_page(
    rtl_designer: Page,
):
    canvas = rtl_designer.locator("[data-composite-canvas]")
    logo = canvas.locator(".composite-block-logo").bounding_box()
    search = canvas.locator(".composite-block-search").bounding_box()
    assert search["x"] + search["width"] <= logo["x"]
    rtl_designer.goto("page")
    real_logo = rtl_designer.locator("#portal-logo").bounding_box()
    real_search = rtl_designer.locator("#portal-searchbox").bounding_box()
    assert real_search["x"] + real_search["width"] <= real_logo["x"]


def test_fuzzy_text_starts_at_the_right_edge_of_its_column(rtl_designer: Page):
    canvas = rtl_designer.locator("[data-composite-canvas]")
    description = canvas.locator(".composite-fuzzy-description")
    first_word = description.locator(".composite-fuzzy-word").first
    edge = description.bounding_box()
    word = first_word.bounding_box()
    assert word["x"] + word["width"] == pytest.approx(edge["x"] + edge["width"], abs=1)


def test_the_gallery_index_starts_at_the_right_like_its_heading(
    hebrew_gallery: Page,
):
    index = hebrew_gallery.get_by_role("navigation", name="Layouts")
    heading = index.get_by_role("heading", name="Layouts").bounding_box()
    first = index.get_by_role("link").first.bounding_box()
    assert first["x"] + first["width"] == pytest.approx(
        heading["x"] + heading["width"], abs=1
    )


def test_the_gallery_draws_layouts_right_to_left(hebrew_gallery: Page):
    section = hebrew_gallery.get_by_role("region", name=re.compile("^Two columns"))
    figure = section.get_by_role("figure", name=re.compile("^Real template"))
    # The frames load lazily: bring it into view first.
    figure.scroll_into_view_if_needed()
    document = figure.get_by_title("Real template of Two columns").content_frame
    main = document.get_by_text("A sample text widget in the slot Main.").first
    sidebar = document.get_by_text("A sample text widget in the slot Sidebar.").first
    expect(main).to_be_visible()
    main_box, sidebar_box = main.bounding_box(), sidebar.bounding_box()
    assert sidebar_box["x"] + sidebar_box["width"] <= main_box["x"]
