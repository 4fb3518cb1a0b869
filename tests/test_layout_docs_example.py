"""The worked example of docs/integrators.md and docs/theme-developers.md works.

The docs show these very files inline (tests/test_docs_inline_examples.py keeps
the copies equal), so an example that stops working fails here.
"""

from collective.composite.layouts.registry import get_layout
from collective.composite.layouts.registry import get_layouts
from collective.composite.layouts.registry import render_layout
from lxml import html as lxml_html
from pathlib import Path
from plone.app.registry.exportimport.handler import importRegistry
from plone.registry.interfaces import IRegistry
from plone.testing import zca
from Products.Five import BrowserView
from Products.GenericSetup.context import DirectoryImportContext
from zope.component import getUtility
from zope.component.hooks import setSite
from zope.configuration import xmlconfig

import pytest
import re


EXAMPLE = Path(__file__).parent / "layouts_example"
DOCS = Path(__file__).parent.parent / "docs"
SLOTS = {
    "lead": "<p>the lead story</p>",
    "stories": "<p>more stories</p>",
    "aside": "<p>a note aside</p>",
}


@pytest.fixture
def view(portal, page, http_request):
    """A view of the page, with the example's ZCML loaded as a package would."""
    # A registry of its own, so the example's layout leaves with the test.
    zca.pushGlobalRegistry()
    xmlconfig.file(str(EXAMPLE / "configure.zcml"))
    yield BrowserView(page, http_request)
    zca.popGlobalRegistry()
    setSite(portal)


def test_example_layout_is_offered_on_a_page(view):
    names = [layout.name for layout in get_layouts(view.context, view.request)]
    assert names[-1] == "magazine"


def test_example_slots_and_constraints(view):
    layout = get_layout("magazine", view.context, view.request)
    lead = layout.slot("lead")
    assert (lead.allowed, lead.max) == (("content", "image"), 1)
    assert [slot.name for slot in layout.slots] == ["lead", "stories", "aside"]


def test_example_real_template_renders(view):
    layout = get_layout("magazine", view.context, view.request)
    html = render_layout(layout, view, SLOTS)
    for fragment in SLOTS.values():
        assert fragment in html
    assert 'class="magazine-aside col-lg-4"' in html


def css_selectors(css: str) -> list[str]:
    """:returns: the selectors of a style sheet's rules, at-rules left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return [
        selector.strip()
        for rule in re.findall(r"([^{}]+)\{[^{}]*\}", css)
        for selector in rule.split(",")
    ]


def test_example_css_gives_the_design_columns_a_grid(view):
    layout = get_layout("magazine", view.context, view.request)
    page = lxml_html.fromstring(render_layout(layout, view, SLOTS, design=True))
    css = (EXAMPLE / "magazine.css").read_text()
    assert css_selectors(css) == [".magazine-design .composite-design-columns"]
    [columns] = page.cssselect(".magazine-design .composite-design-columns")
    regions = columns.cssselect(":scope > .composite-design-region")
    assert len(regions) == 2
    assert "grid-template-columns: 2fr 1fr;" in css


def test_example_design_template_renders(view):
    layout = get_layout("magazine", view.context, view.request)
    html = render_layout(layout, view, SLOTS, design=True)
    for fragment in SLOTS.values():
        assert fragment in html
    assert "composite-fuzzy-title" in html
    assert "Our library" not in html


@pytest.mark.parametrize(
    ("page", "name"),
    [
        ("integrators.md", "configure.zcml"),
        ("theme-developers.md", "magazine.pt"),
        ("theme-developers.md", "magazine_design.pt"),
        ("theme-developers.md", "magazine.css"),
        ("theme-developers.md", "profiles/default/registry.xml"),
    ],
)
def test_docs_show_the_example_files(page, name):
    text = (DOCS / page).read_text()
    assert f"<!-- example: tests/layouts_example/{name} -->" in text


def test_example_registry_xml_registers_the_design_grid_bundle(portal):
    # As GenericSetup imports the profile's registry.xml when it is installed.
    profile = DirectoryImportContext(
        portal.portal_setup, str(EXAMPLE / "profiles/default")
    )
    importRegistry(profile)
    bundle = "plone.bundles/my.theme"
    registry = getUtility(IRegistry)
    assert registry[f"{bundle}.csscompilation"] == "++plone++my.theme/magazine.css"
    assert registry[f"{bundle}.enabled"] is True
