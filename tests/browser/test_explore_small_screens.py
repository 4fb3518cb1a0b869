"""Design mode on a small screen and on a long page, found in an exploratory
session: on a phone and in a window zoomed to 200 % (320 CSS pixels wide,
WCAG's reflow) the toolbar keeps to a compact strip at the top of the window
with every button in it, and the History panel does not make the page scroll
sideways; on a long page, what Shift+Tab gives the focus to is never hidden
under the toolbar. Each test checks the stored arrangement and the visitor's
page where the editor changes something."""

from browsing import close_settled
from collections.abc import Iterator
from design_pages import as_visitor
from design_pages import button
from design_pages import card
from design_pages import design_as
from design_pages import live
from design_pages import open_history_of_a_second_revision
from design_pages import real_ids
from design_pages import save
from design_pages import stored
from design_pages import text
from design_pages import two_columns
from playwright.sync_api import Browser
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest


# A phone held upright, with touch.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "has_touch": True,
    "is_mobile": True,
}
# A window of 640 by 1024 pixels zoomed to 200 %.
ZOOMED = {"viewport": {"width": 320, "height": 512}}
# The most of the window's height the toolbar may cover once the page is
# scrolled: a tenth of the phone's, a sixth of the zoomed window's.
MOST_COVERED = 84
TOOLBAR_BUTTONS = ("Save", "Cancel", "Undo", "Redo", "Preview", "Add widget", "History")
# Whether the focused element is in the window and not under the toolbar.
FOCUS_CLEAR = """(toolbar) => {
  const box = document.activeElement.getBoundingClientRect();
  return box.top >= toolbar.getBoundingClientRect().bottom
    && box.bottom <= window.innerHeight;
}"""


@pytest.fixture(params=[PHONE, ZOOMED], ids=["phone", "zoomed"])
def small(browser: Browser, portal_url: str, request) -> Iterator[Page]:
    """A page in a browser context of a small screen."""
    context = browser.new_context(base_url=f"{portal_url}/", **request.param)
    yield context.new_page()
    close_settled(context)


def toolbar(page: Page):
    return page.get_by_role("toolbar", name="Design mode")


def no_sideways_scrolling(page: Page) -> bool:
    """Whether the page fits the window's width (WCAG 1.4.10, reflow)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth"
    )


def test_on_a_small_screen_the_toolbar_is_a_compact_strip_with_every_button(
    small, jane, composite
):
    design_as(small, jane)
    card(small, "Gamma").get_by_role(
        "button", name="Remove Gamma"
    ).scroll_into_view_if_needed()
    card(small, "Gamma").get_by_role("button", name="Remove Gamma").click()
    width = small.viewport_size["width"]
    for name in TOOLBAR_BUTTONS:
        box = button(small, name).bounding_box()
        assert box["x"] >= 0, name
        assert box["x"] + box["width"] <= width, name
        assert box["y"] >= 0, name
    strip = toolbar(small).bounding_box()
    assert strip["y"] + strip["height"] <= MOST_COVERED
    assert no_sideways_scrolling(small)
    # Save is at hand, without scrolling back up.
    save(small)
    assert stored(composite)["sidebar"] == []
    as_visitor(small)
    assert real_ids(small, "sidebar") == []


def test_on_a_small_screen_the_history_scrolls_in_its_panel_not_the_page(
    small, jane, composite
):
    history = open_history_of_a_second_revision(small, jane, composite)
    restore = history.get_by_role("button", name="Restore revision 1")
    expect(restore).to_be_visible()
    assert no_sideways_scrolling(small)
    restore.focus()
    restore.press("Enter")
    expect(small.get_by_text("Revision 1 is restored")).to_be_visible()
    assert stored(composite)["sidebar"] == ["gamma"]
    as_visitor(small)
    assert real_ids(small, "sidebar") == ["gamma"]


def test_shift_tab_on_a_long_page_never_hides_the_focus_under_the_toolbar(
    page, jane, acceptance_portal
):
    page_ = two_columns(
        acceptance_portal,
        main=[text(f"m{i}", f"Main widget {i}") for i in range(40)],
        sidebar=[text(f"s{i}", f"Side widget {i}") for i in range(20)],
    )
    design_as(page, jane)
    bar = toolbar(page).element_handle()
    card(page, "Main widget 39").focus()
    hidden = []
    # Four keys a card (its three buttons, itself): well over a window of cards.
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        # The browser scrolls to the focus at once, smoothly in this theme:
        # once the window stands still, the focus must be clear.
        page.evaluate(STILL)
        if not page.evaluate(FOCUS_CLEAR, bar):
            hidden.append(page.evaluate("() => document.activeElement.textContent"))
    assert hidden == []
    # A card moved to the other slot and back with the keys stays clear too.
    card(page, "Main widget 35").focus()
    page.keyboard.press("Space")
    for key, where in (
        ("ArrowRight", "in Sidebar"),
        ("ArrowLeft", "in Main"),
        ("ArrowRight", "in Sidebar"),
    ):
        page.keyboard.press(key)
        expect(live(page)).to_contain_text(where)
        # The editor scrolls to the card in the next frame.
        page.wait_for_function(FOCUS_CLEAR, arg=bar)
    page.keyboard.press("Space")
    expect(live(page)).to_contain_text("Main widget 35 dropped")
    save(page)
    assert "m35" in stored(page_)["sidebar"]
    as_visitor(page)
    assert "m35" in real_ids(page, "sidebar")


# Resolves once the window did not scroll for a few frames.
STILL = """() => new Promise(resolve => {
  let last = -1, same = 0;
  const tick = () => {
    if (window.scrollY === last) { if (++same > 5) return resolve(); }
    else { same = 0; last = window.scrollY; }
    requestAnimationFrame(tick);
  };
  tick();
})"""
