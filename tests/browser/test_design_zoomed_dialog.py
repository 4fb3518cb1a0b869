"""The settings dialog in a window zoomed to 400 % (1280 by 1024 pixels: 320
by 256 CSS pixels, WCAG's reflow), as an Editor: its heading and its close
button stay whole and in the window (they were squeezed and cut off)."""

from design_pages import card
from design_pages import design_as
from design_pages import settings_form
from design_pages import text
from design_pages import two_columns
from playwright.sync_api import expect

import pytest


ZOOMED_400 = {"width": 320, "height": 256}
WELCOME = "Welcome to our workshop"


@pytest.fixture
def composite(acceptance_portal):
    """Two columns: the texts Welcome to our workshop and Beta in the main
    slot (a title of a few words, as most are)."""
    return two_columns(
        acceptance_portal, main=[text("welcome", WELCOME), text("beta", "Beta")]
    )


def test_a_zoomed_dialog_shows_its_whole_heading_and_close_button(
    page, jane, composite
):
    page.set_viewport_size(ZOOMED_400)
    design_as(page, jane)
    card(page, WELCOME).get_by_role("button", name=f"Edit {WELCOME}").click()
    dialog = page.get_by_role("dialog", name=f"Settings of {WELCOME}")
    settings_form(page)
    heading = dialog.get_by_role("heading", name=f"Settings of {WELCOME}")
    expect(heading).to_be_in_viewport(ratio=1)
    close = dialog.get_by_role("button", name="Close without applying")
    expect(close).to_be_in_viewport(ratio=1)
    close.click()
    expect(dialog).to_have_count(0)
    expect(card(page, WELCOME)).to_be_focused()
