"""Dragging a card with the mouse for an Editor whose system asks for less
motion (``prefers-reduced-motion: reduce``): the other cards make room at
once, without sliding (WCAG 2.3.3); the move itself is stored as ever."""

from design_pages import as_visitor
from design_pages import card
from design_pages import real_ids
from design_pages import save
from design_pages import slot
from design_pages import stored
from playwright.sync_api import expect


# Every transition a card of the canvas is given while the test watches.
WATCH_SLIDES = """() => {
  window.slides = [];
  new MutationObserver((changes) => {
    for (const change of changes) {
      const transition = change.target.style.transition;
      if (transition && transition !== 'none') window.slides.push(transition);
    }
  }).observe(document.querySelector('[data-composite-canvas]'), {
    attributes: true, attributeFilter: ['style'], subtree: true,
  });
}"""


def drag_above(page, moving, target) -> None:
    """Drag ``moving`` with the mouse to just above ``target``, in small steps
    as a hand does (one jump, as ``drag_to`` makes, is sometimes no drag to
    SortableJS): ``target`` and the cards after it make room."""
    box = target.bounding_box()
    moving.hover()
    page.mouse.down()
    x = box["x"] + box["width"] / 2
    for fraction in (1.5, 0.75, 0.25):
        page.mouse.move(x, box["y"] + box["height"] * fraction, steps=8)
    page.mouse.up()


def test_cards_do_not_slide_while_one_is_dragged_for_less_motion(designer, composite):
    designer.emulate_media(reduced_motion="reduce")
    designer.reload()
    expect(card(designer, "Beta")).to_be_visible()
    designer.evaluate(WATCH_SLIDES)
    drag_above(designer, card(designer, "Gamma"), card(designer, "Alpha"))
    expect(slot(designer, "Main")).to_contain_text("Gamma")
    assert designer.evaluate("() => window.slides") == []
    save(designer)
    shown = stored(composite)["main"]
    assert "gamma" in shown
    as_visitor(designer)
    assert real_ids(designer, "main") == shown
