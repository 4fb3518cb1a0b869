"""Dragging a card with the mouse for an Editor whose system asks for less
motion (``prefers-reduced-motion: reduce``): the other cards make room at
once, without sliding (WCAG 2.3.3); the move itself is stored as ever."""

from design_pages import as_visitor
from design_pages import card
from design_pages import drag_with_mouse
from design_pages import real_ids
from design_pages import save
from design_pages import slot
from design_pages import stored
from design_pages import wait_for_editor
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
    """Drag ``moving`` with the mouse to just above ``target``, coming from
    below it: ``target`` and the cards after it make room."""
    drag_with_mouse(page, moving, target, heights=(1.5, 0.75, 0.25))


def test_cards_do_not_slide_while_one_is_dragged_for_less_motion(designer, composite):
    designer.emulate_media(reduced_motion="reduce")
    designer.reload()
    # The cards come with the page, before the editor makes them draggable.
    wait_for_editor(designer)
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
