"""A Site Administrator opens Site Setup → Layout gallery and sees every shipped
layout's real and design template, by the accessible names a screen reader
gives them."""

from accessibility import serious_violations
from browsing import login
from design_pages import add_user
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest
import re


PASSWORD = "a password nobody guesses"
# The shipped layouts' titles and the title of their first slot.
LAYOUTS = {
    "One column": "Main",
    "Two columns": "Main",
    "Three columns": "Left",
    "Landing page": "Hero",
}


@pytest.fixture
def site_administrator(acceptance_portal) -> tuple[str, str]:
    """A user with the Site Administrator role and nothing more, committed."""
    add_user(acceptance_portal, "gallery-jane", PASSWORD, ["Site Administrator"])
    return "gallery-jane", PASSWORD


@pytest.fixture
def gallery(page: Page, site_administrator) -> Page:
    """The gallery, reached from Site Setup by the link's name."""
    login(page, *site_administrator)
    page.goto("@@overview-controlpanel")
    page.get_by_role("link", name="Layout gallery").click()
    expect(page).to_have_url(re.compile(r"/@@composite-layout-gallery$"))
    return page


def test_the_gallery_is_linked_from_site_setup(gallery: Page):
    expect(
        gallery.get_by_role("heading", name="Layout gallery", level=1)
    ).to_be_visible()


@pytest.mark.parametrize(("title", "first_slot"), LAYOUTS.items())
def test_the_gallery_shows_both_halves_of(gallery: Page, title, first_slot):
    section = gallery.get_by_role("region", name=re.compile(f"^{title}"))
    for half in ("Real template", "Design template"):
        figure = section.get_by_role("figure", name=re.compile(f"^{half}"))
        # The frames load lazily: bring each into view first.
        figure.scroll_into_view_if_needed()
        expect(figure).to_be_visible()
        document = figure.get_by_title(f"{half} of {title}").content_frame
        sample = f"A sample text widget in the slot {first_slot}."
        expect(document.get_by_text(sample).first).to_be_visible()


def test_the_gallery_lists_the_slots_and_checks_of_a_layout(gallery: Page):
    section = gallery.get_by_role("region", name=re.compile("^Landing page"))
    slots = section.get_by_role("table", name="Slots of Landing page")
    expect(slots.get_by_role("rowheader", name="Hero")).to_be_visible()
    expect(section.get_by_text("The pairing checks find no problem.")).to_be_visible()


def test_the_gallery_has_no_serious_accessibility_violations(gallery: Page):
    assert serious_violations(gallery, include=".composite-gallery") == []
