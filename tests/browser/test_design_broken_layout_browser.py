"""Design mode in Chromium with a layout whose templates fail at render time
(issue 13, hole 2): the page using it can still be designed and moved to
another layout, whose button works as always."""

from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.layouts.registry import Layout
from collective.composite.layouts.registry import LayoutFactory
from collective.composite.layouts.registry import Slot
from design_pages import design_as
from design_pages import make_page
from design_pages import save
from design_pages import stored
from design_pages import text
from playwright.sync_api import expect
from zope.component import getGlobalSiteManager
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import pytest


# Fails on a real page (the start-up checks' stand-in page would pass it).
FAILING = (
    '<div tal:content="python: context.no_such_attribute">x</div>'
    '<div tal:content="structure slots/main">x</div>'
)


@pytest.fixture
def broken_layout(tmp_path):
    """The layout ``broken`` (one slot, ``main``), registered for the test."""
    for name in ("broken.pt", "broken_design.pt"):
        (tmp_path / name).write_text(FAILING)
    layout = Layout(
        name="broken",
        title="Broken",
        template=str(tmp_path / "broken.pt"),
        design_template=str(tmp_path / "broken_design.pt"),
        slots=[Slot("main", "Main")],
    )
    layout.rank = 1000
    factory = LayoutFactory(layout)
    required = (ICompositeEnabled, IDefaultBrowserLayer)
    registry = getGlobalSiteManager()
    registry.registerAdapter(factory, required, ILayout, "broken")
    yield layout
    registry.unregisterAdapter(factory, required, ILayout, "broken")


def test_a_page_on_a_broken_layout_moves_to_another(
    page, site_manager, acceptance_portal, broken_layout
):
    composite = make_page(
        acceptance_portal,
        {"layout": "broken", "slots": {"main": [text("alpha", "Alpha")]}},
    )
    design_as(page, site_manager)
    canvas = page.locator("[data-composite-canvas]")
    expect(canvas.locator(".composite-layout-broken")).to_contain_text(
        "This layout is broken."
    )
    expect(canvas).to_contain_text("Alpha")
    expect(page.locator('[data-composite-switch-layout="broken"]')).to_be_disabled()

    page.get_by_role("button", name="One column").click()
    expect(page.get_by_role("button", name="One column")).to_have_attribute(
        "aria-pressed", "true"
    )
    save(page)
    assert stored(composite)["layout"] == "one-column"
    assert stored(composite)["main"] == ["alpha"]
