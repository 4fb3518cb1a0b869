"""Design mode on a phone and a tablet, by touch, found in an exploratory
session: an Editor taps the cards' and the toolbar's buttons and drags cards
with a finger. A finger that trembled as it rested on a card did not pick it
up; a card held near the window's bottom did not scroll the page, so it could
not reach a slot out of view; and on a tablet, Plone's toolbar and the
editor's side panel left the page so little room that a sidebar's cards were
narrower than their buttons, which stuck out of them and were cut off. Each
test checks the stored arrangement and the visitor's page where the editor
changes something."""

from browsing import close_settled
from collections.abc import Iterator
from design_pages import as_visitor
from design_pages import button
from design_pages import card
from design_pages import card_ids
from design_pages import design_as
from design_pages import live
from design_pages import make_page
from design_pages import real_ids
from design_pages import save
from design_pages import stored
from design_pages import text
from design_pages import two_columns
from playwright.sync_api import Browser
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest
import re


PHONE = {"viewport": {"width": 390, "height": 844}}
# A tablet held upright, and one held sideways (an iPad's 1024 by 768).
UPRIGHT = {"viewport": {"width": 820, "height": 1180}}
SIDEWAYS = {"viewport": {"width": 1024, "height": 768}}
# WCAG 2.2's minimum size of a target (SC 2.5.8), in CSS pixels.
SMALLEST_TARGET = 24
# The buttons of the cards that stick out of their card, by name.
STICKING_OUT = """() => [...document.querySelectorAll('.composite-card')]
 .flatMap(card => {
  const box = card.getBoundingClientRect();
  return [...card.querySelectorAll('button')]
    .filter(button => {
      const inner = button.getBoundingClientRect();
      return inner.left < box.left || inner.right > box.right;
    })
    .map(button => button.getAttribute('aria-label'));
})"""


def touch_device(browser: Browser, portal_url: str, device: dict) -> Iterator[Page]:
    """A page in a browser context of a touch screen of ``device``'s size."""
    context = browser.new_context(
        base_url=f"{portal_url}/", has_touch=True, is_mobile=True, **device
    )
    yield context.new_page()
    close_settled(context)


@pytest.fixture
def phone(browser: Browser, portal_url: str) -> Iterator[Page]:
    yield from touch_device(browser, portal_url, PHONE)


@pytest.fixture
def upright_tablet(browser: Browser, portal_url: str) -> Iterator[Page]:
    yield from touch_device(browser, portal_url, UPRIGHT)


@pytest.fixture
def sideways_tablet(browser: Browser, portal_url: str) -> Iterator[Page]:
    yield from touch_device(browser, portal_url, SIDEWAYS)


class Finger:
    """A finger on a touch screen, resting on the card ``moving`` (beside its
    buttons) until the card is picked up. Playwright taps but does not drag
    by touch: the touches are sent as the screen sends them."""

    def __init__(self, page: Page, moving, tremble: float = 0) -> None:
        # At once: the theme scrolls smoothly, and the boxes are measured next.
        moving.evaluate(
            "card => card.scrollIntoView({block: 'center', behavior: 'instant'})"
        )
        box = moving.bounding_box()
        self.page = page
        self.x, self.y = box["x"] + 8, box["y"] + box["height"] / 2
        self.touch = page.context.new_cdp_session(page)
        self._send("touchStart", [{"x": self.x, "y": self.y}])
        # Longer than the editor's hold (a quarter of a second) before a drag;
        # a finger trembles ``tremble`` pixels meanwhile, as resting ones do.
        for step in range(10):
            if tremble:
                point = {"x": self.x + tremble * (step % 2), "y": self.y}
                self._send("touchMove", [point])
            page.wait_for_timeout(50)

    def _send(self, kind: str, points: list[dict]) -> None:
        self.touch.send(
            "Input.dispatchTouchEvent", {"type": kind, "touchPoints": points}
        )

    def move_to(self, x: float, y: float, steps: int = 20) -> None:
        """Slide the finger to (``x``, ``y``), a frame a step."""
        start_x, start_y = self.x, self.y
        for step in range(1, steps + 1):
            self.x = start_x + (x - start_x) * step / steps
            self.y = start_y + (y - start_y) * step / steps
            self._send("touchMove", [{"x": self.x, "y": self.y}])
            self.page.wait_for_timeout(16)

    def lift(self) -> None:
        self._send("touchEnd", [])
        self.touch.detach()


def test_a_finger_trembling_as_it_rests_on_a_card_drags_it(phone, jane, composite):
    design_as(phone, jane)
    finger = Finger(phone, card(phone, "Alpha"), tremble=3)
    box = card(phone, "Gamma").bounding_box()
    finger.move_to(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.75)
    finger.lift()
    expect(live(phone)).to_have_text("Alpha moved to position 2 of 2 in Sidebar.")
    save(phone)
    assert stored(composite)["sidebar"] == ["gamma", "alpha"]
    as_visitor(phone)
    assert real_ids(phone, "sidebar") == ["gamma", "alpha"]


def test_a_finger_held_at_the_bottom_scrolls_the_card_to_a_slot_out_of_view(
    phone, jane, acceptance_portal
):
    page_ = two_columns(
        acceptance_portal,
        main=[text(f"w{n}", f"Widget {n}") for n in range(6)],
        sidebar=[text("side", "Side")],
    )
    design_as(phone, jane)
    side = card(phone, "Side")
    finger = Finger(phone, card(phone, "Widget 0"))
    finger.move_to(finger.x, phone.viewport_size["height"] - 10)
    # The finger rests near the window's bottom until the sidebar's card,
    # out of view at first, comes up to the middle of the window.
    phone.wait_for_function(
        "card => card.getBoundingClientRect().top < innerHeight / 2",
        arg=side.element_handle(),
    )
    box = side.bounding_box()
    # Out of the window's edge at once, where the page stands still.
    finger.move_to(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.75, 1)
    finger.move_to(finger.x + 2, finger.y + 2, 4)
    finger.lift()
    # Above or below Side: the page may scroll on a frame or two after the
    # finger left the window's edge.
    expect(live(phone)).to_have_text(
        re.compile(r"Widget 0 moved to position [12] of 2 in Sidebar\.")
    )
    moved = card_ids(phone, "Sidebar")
    assert sorted(moved) == ["side", "w0"]
    save(phone)
    assert stored(page_)["sidebar"] == moved
    as_visitor(phone)
    assert real_ids(phone, "sidebar") == moved


def test_taps_duplicate_remove_undo_and_redo(phone, jane, composite):
    design_as(phone, jane)
    card(phone, "Beta").get_by_role("button", name="Duplicate Beta").tap()
    expect(live(phone)).to_have_text("Copy of Beta added after it in Main.")
    card(phone, "Gamma").get_by_role("button", name="Remove Gamma").tap()
    button(phone, "Undo").tap()
    expect(live(phone)).to_have_text("Undone: removing Gamma.")
    button(phone, "Redo").tap()
    expect(live(phone)).to_have_text("Redone: removing Gamma.")
    copy = card_ids(phone, "Main")[2]
    save(phone)
    assert stored(composite)["main"] == ["alpha", "beta", copy]
    assert stored(composite)["sidebar"] == []
    as_visitor(phone)
    assert real_ids(phone, "main") == ["alpha", "beta", copy]


def test_on_a_phone_every_button_is_a_target_a_finger_can_tap(phone, jane, composite):
    design_as(phone, jane)
    editor = phone.locator("[data-composite-editor]")
    small = []
    for target in editor.get_by_role("button").all():
        box = target.bounding_box()
        if box and min(box["width"], box["height"]) < SMALLEST_TARGET:
            small.append(target.text_content())
    assert small == []
    button(phone, "Add widget").tap()
    palette = phone.locator("[data-composite-palette]").get_by_role("button")
    expect(palette.first).to_be_visible()
    sizes = [target.bounding_box() for target in palette.all()]
    assert min(min(box["width"], box["height"]) for box in sizes) >= SMALLEST_TARGET


def test_on_an_upright_tablet_the_sidebar_cards_hold_their_buttons(
    upright_tablet, jane, composite
):
    design_as(upright_tablet, jane)
    assert upright_tablet.evaluate(STICKING_OUT) == []
    card(upright_tablet, "Gamma").get_by_role("button", name="Remove Gamma").tap()
    save(upright_tablet)
    assert stored(composite)["sidebar"] == []
    as_visitor(upright_tablet)
    assert real_ids(upright_tablet, "sidebar") == []


def test_on_a_sideways_tablet_three_columns_cards_hold_their_buttons(
    sideways_tablet, jane, acceptance_portal
):
    three = make_page(
        acceptance_portal,
        {
            "layout": "three-columns",
            "slots": {
                "left": [text("left", "Left")],
                "main": [text("middle", "Middle")],
                "right": [text("right", "Right")],
            },
        },
    )
    design_as(sideways_tablet, jane)
    assert sideways_tablet.evaluate(STICKING_OUT) == []
    card(sideways_tablet, "Right").get_by_role("button", name="Duplicate Right").tap()
    copy = card_ids(sideways_tablet, "Right")[1]
    save(sideways_tablet)
    assert stored(three)["right"] == ["right", copy]
    as_visitor(sideways_tablet)
    assert real_ids(sideways_tablet, "right") == ["right", copy]
