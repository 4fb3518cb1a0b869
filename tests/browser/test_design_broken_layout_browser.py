"""Design mode in Chromium with a layout whose templates fail at render time
(issue 13, hole 2): the page using it can still be designed and moved to
another layout, whose button works as always."""

from design_pages import design_as
from design_pages import make_page
from design_pages import save
from design_pages import stored
from design_pages import text
from playwright.sync_api import expect


def test_a_page_on_a_broken_layout_moves_to_another(
    page, jane, acceptance_portal, broken_layout
):
    composite = make_page(
        acceptance_portal,
        {"layout": "broken", "slots": {"main": [text("alpha", "Alpha")]}},
    )
    design_as(page, jane)
    canvas = page.locator("[data-composite-canvas]")
    expect(canvas.locator(".composite-layout-broken")).to_contain_text(
        "This layout is broken."
    )
    expect(canvas).to_contain_text("Alpha")
    expect(page.get_by_role("button", name="Broken")).to_be_disabled()

    page.get_by_role("button", name="One column").click()
    expect(page.get_by_role("button", name="One column")).to_have_attribute(
        "aria-pressed", "true"
    )
    save(page)
    assert stored(composite)["layout"] == "one-column"
    assert stored(composite)["main"] == ["alpha"]
