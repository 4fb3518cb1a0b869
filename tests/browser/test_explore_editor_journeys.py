"""Design mode in long sessions of an Editor, found in an exploratory session:
what the editor does with changes made while a save is under way, where a
new widget goes when the chosen slot is full, Ctrl+Z while a card is picked up
with the keyboard, and a finger on a phone that scrolls over the cards or drags
one. Each test names one behaviour, and checks
the stored arrangement and the visitor's page."""

from browsing import close_settled
from design_pages import as_visitor
from design_pages import button
from design_pages import card
from design_pages import card_ids
from design_pages import design_as
from design_pages import expect_saved
from design_pages import live
from design_pages import make_page
from design_pages import move_with_keys
from design_pages import real_ids
from design_pages import rich_text_body
from design_pages import save
from design_pages import settings_frame
from design_pages import stored
from design_pages import text
from design_pages import two_columns
from playwright.sync_api import Browser
from playwright.sync_api import expect
from playwright.sync_api import Page
from playwright.sync_api import Route

import pytest
import re


# A phone: narrow, with touch.
PHONE = {
    "viewport": {"width": 375, "height": 740},
    "has_touch": True,
    "is_mobile": True,
}


def hold_saves(page: Page) -> list[Route]:
    """Keep the editor's saves (PATCH @composite) waiting until the test lets
    each go (``route.continue_()``), as a slow server would.

    :returns: the saves held so far, in order.
    """
    held: list[Route] = []

    def handle(route: Route) -> None:
        if route.request.method == "PATCH":
            held.append(route)
        else:
            route.continue_()

    page.route("**/@composite", handle)
    return held


def wait_until_held(page: Page, held: list[Route]) -> None:
    """Wait until a save reached the server (and is held there)."""
    for _ in range(200):
        if held:
            return
        page.wait_for_timeout(50)
    raise AssertionError("the save never reached the server")


def test_a_move_made_while_saving_is_refused_and_can_be_made_once_saved(
    designer, composite
):
    held = hold_saves(designer)
    card(designer, "Beta").get_by_role("button", name="Remove Beta").click()
    button(designer, "Save").click()
    wait_until_held(designer, held)
    card(designer, "Alpha").focus()
    designer.keyboard.press("Space")
    expect(live(designer)).to_have_text(
        "Please wait: the page is being saved. Nothing was changed; try again "
        "once it is saved."
    )
    assert card_ids(designer, "Main") == ["alpha"]
    held.pop().continue_()
    expect_saved(designer)
    assert stored(composite)["main"] == ["alpha"]
    expect(button(designer, "Save")).to_be_disabled()
    designer.unroute("**/@composite")
    move_with_keys(designer, "Alpha", "ArrowRight")
    save(designer)
    assert stored(composite)["sidebar"] == ["alpha", "gamma"]
    as_visitor(designer)
    assert real_ids(designer, "main") == []
    assert real_ids(designer, "sidebar") == ["alpha", "gamma"]


def test_the_palette_says_a_new_widget_goes_elsewhere_when_the_chosen_slot_is_full(
    page, jane, acceptance_portal
):
    landing = make_page(
        acceptance_portal,
        {"layout": "landing", "slots": {"hero": [text("hero", "Big news")]}},
    )
    design_as(page, jane)
    card(page, "Big news").click()
    button(page, "Add widget").click()
    palette = page.locator("[data-composite-palette]")
    expect(palette).to_contain_text(
        "Hero is full: it holds only one widget. New widgets go to Feature 1."
    )
    palette.get_by_role("button", name="Text", exact=True).click()
    form = settings_frame(page)
    rich_text_body(form).click()
    page.keyboard.type("Opening soon")
    form.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    save(page)
    added = stored(landing)["feature-1"]
    assert len(added) == 1
    assert stored(landing)["hero"] == ["hero"]
    as_visitor(page)
    assert real_ids(page, "feature-1") == added


def pick_up_and_move(page: Page, title: str, key: str) -> None:
    """Pick the card ``title`` up with Space and move it with ``key``, not
    dropping it."""
    card(page, title).focus()
    page.keyboard.press("Space")
    page.keyboard.press(key)
    expect(live(page)).to_contain_text(f"{title} moved to")


def test_ctrl_z_during_a_keyboard_move_takes_back_only_that_move(designer, composite):
    card(designer, "Beta").get_by_role("button", name="Remove Beta").click()
    pick_up_and_move(designer, "Alpha", "ArrowRight")
    designer.keyboard.press("Control+z")
    expect(live(designer)).to_have_text(
        "Move cancelled. Alpha is back at position 1 of 1 in Main."
    )
    assert card_ids(designer, "Main") == ["alpha"]
    save(designer)
    assert stored(composite)["main"] == ["alpha"]
    assert stored(composite)["sidebar"] == ["gamma"]
    as_visitor(designer)
    assert real_ids(designer, "main") == ["alpha"]


def test_ctrl_z_during_the_first_keyboard_move_shows_the_card_back_in_place(
    designer, composite
):
    pick_up_and_move(designer, "Alpha", "ArrowRight")
    designer.keyboard.press("Control+z")
    expect(live(designer)).to_have_text(
        "Move cancelled. Alpha is back at position 1 of 2 in Main."
    )
    assert card_ids(designer, "Main") == ["alpha", "beta"]
    assert card_ids(designer, "Sidebar") == ["gamma"]
    expect(button(designer, "Save")).to_be_disabled()
    assert stored(composite)["main"] == ["alpha", "beta"]
    as_visitor(designer)
    assert real_ids(designer, "sidebar") == ["gamma"]


@pytest.fixture
def phone(browser: Browser, portal_url, acceptance_portal, jane):
    """Jane in design mode on a phone, of a page with six texts in its main
    slot (Widget 0 to Widget 5), so that it scrolls."""
    two_columns(
        acceptance_portal, main=[text(f"w{n}", f"Widget {n}") for n in range(6)]
    )
    context = browser.new_context(base_url=f"{portal_url}/", **PHONE)
    page = context.new_page()
    design_as(page, jane)
    yield page
    close_settled(context)


def touch_and_move(page: Page, title: str, by: int, hold_ms: int = 0) -> None:
    """Put a finger on the card ``title`` (beside its buttons), rest it there
    ``hold_ms``, then move it ``by`` pixels down (up when negative) and lift it."""
    target = card(page, title)
    target.evaluate("card => card.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    box = target.bounding_box()
    x, y = box["x"] + 8, box["y"] + box["height"] / 2
    under = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).getAttribute('aria-label')",
        [x, y],
    )
    assert under == f"Text: {title}"
    touch = page.context.new_cdp_session(page)
    touch.send(
        "Input.dispatchTouchEvent",
        {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]},
    )
    page.wait_for_timeout(hold_ms)
    for step in range(1, 11):
        point = {"x": x, "y": y + by * step / 10}
        touch.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]}
        )
        page.wait_for_timeout(16)
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    touch.detach()


def test_a_finger_swiping_over_a_card_scrolls_and_moves_nothing(
    phone, acceptance_portal
):
    before = phone.evaluate("() => window.scrollY")
    touch_and_move(phone, "Widget 2", -300)
    phone.wait_for_function(f"() => window.scrollY > {before} + 100")
    assert card_ids(phone, "Main") == [f"w{n}" for n in range(6)]
    expect(button(phone, "Save")).to_be_disabled()


def test_a_finger_resting_on_a_card_drags_it(phone, acceptance_portal):
    touch_and_move(phone, "Widget 2", -300, hold_ms=500)
    expect(live(phone)).to_have_text(
        re.compile(r"Widget 2 moved to position [12] of 6 in Main\.")
    )
    moved = card_ids(phone, "Main")
    assert moved.index("w2") < 2
    save(phone)
    assert stored(acceptance_portal["page"])["main"] == moved
    as_visitor(phone)
    assert real_ids(phone, "main") == moved
