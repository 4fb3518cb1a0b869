"""Design mode under forced colours (Windows high contrast), as an Editor.

Forced colours drop backgrounds, shadows and gradients and draw every border
in the user's few colours: what colour alone told apart must be told apart by
a border's width or style (WCAG 1.4.11, 2.4.7).
"""

from collective.composite import arrangement
from design_pages import as_visitor
from design_pages import button
from design_pages import card
from design_pages import design_as
from design_pages import live
from design_pages import real_ids
from design_pages import save
from design_pages import slot
from design_pages import stored
from io import BytesIO
from playwright.sync_api import expect
from playwright.sync_api import Locator
from plone import api

import PIL.Image
import pytest
import transaction


FRAME = """element => {
  const style = getComputedStyle(element);
  return [style.borderTopStyle, style.borderTopWidth];
}"""


def frame(locator: Locator) -> list[str]:
    """:returns: the style and width of the element's top border."""
    return locator.evaluate(FRAME)


@pytest.fixture
def designer(designer):
    """Jane in design mode, her system asking for forced colours."""
    designer.emulate_media(forced_colors="active")
    return designer


def test_the_slot_new_widgets_go_to_stands_out_in_forced_colours(designer):
    slot(designer, "Sidebar").click()
    button(designer, "Add widget").click()
    expect(designer.get_by_text("New widgets go to Sidebar.")).to_be_visible()
    assert frame(slot(designer, "Sidebar")) != frame(slot(designer, "Main"))


def test_a_picked_up_card_stands_out_from_a_focused_one_in_forced_colours(
    designer, composite
):
    card(designer, "Beta").focus()
    focused = frame(card(designer, "Beta"))
    card(designer, "Alpha").focus()
    designer.keyboard.press("Space")
    expect(live(designer)).to_contain_text("Picked up Alpha")
    assert frame(card(designer, "Alpha")) != focused
    designer.keyboard.press("ArrowDown")
    designer.keyboard.press("Space")
    expect(live(designer)).to_contain_text("Alpha dropped")
    assert frame(card(designer, "Alpha")) == focused
    save(designer)
    assert stored(composite)["main"] == ["beta", "alpha"]
    as_visitor(designer)
    assert real_ids(designer, "main") == ["beta", "alpha"]


def test_the_chosen_layout_stands_out_in_forced_colours(designer, composite):
    layouts = designer.get_by_role("group", name="Layout")
    two = layouts.get_by_role("button", name="Two columns")
    one = layouts.get_by_role("button", name="One column")
    expect(two).to_have_attribute("aria-pressed", "true")
    assert frame(two) != frame(one)
    one.click()
    expect(one).to_have_attribute("aria-pressed", "true")
    assert frame(one) != frame(two)
    save(designer)
    assert stored(composite)["layout"] == "one-column"


def test_the_page_around_the_widgets_stays_drawn_in_forced_colours(designer):
    # The page's fuzzy title is decorative and nameless: found by its class.
    title = designer.locator("[data-composite-canvas] .composite-fuzzy-title")
    picture = PIL.Image.open(BytesIO(title.screenshot()))
    # Blank, it would be one colour: the user's background.
    assert len(picture.getcolors(maxcolors=1 << 16)) > 1


def test_a_missing_item_card_is_framed_in_forced_colours(
    page, jane, composite, acceptance_portal
):
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        gone = api.content.create(
            container=acceptance_portal, type="Document", id="gone", title="Gone"
        )
        settings = {"uid": gone.UID(), "display": "title"}
        arrangement.add_widget(composite, "sidebar", "content", settings=settings)
        api.content.delete(gone, check_linkintegrity=False)
    transaction.commit()
    page.emulate_media(forced_colors="active")
    design_as(page, jane)
    missing = page.get_by_role("group", name="Content item: Content item")
    expect(missing).to_contain_text("Missing item.")
    # The message is a nameless part of the card's body: found by its class.
    assert frame(missing.locator(".composite-card--missing")) == ["double", "3px"]


def test_the_settings_dialog_and_its_close_button_are_framed_in_forced_colours(
    designer,
):
    card(designer, "Alpha").get_by_role("button", name="Edit Alpha").click()
    dialog = designer.get_by_role("dialog", name="Settings of Alpha")
    close = dialog.get_by_role("button", name="Close without applying")
    expect(close).to_be_focused()
    assert frame(close) == ["solid", "1px"]
    # The box is a nameless part of the dialog (its shadow is gone).
    assert frame(dialog.locator(".composite-settings__box")) == ["solid", "2px"]
    close.click()
    expect(dialog).to_have_count(0)
    expect(card(designer, "Alpha")).to_be_focused()
