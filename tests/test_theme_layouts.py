"""A file-system theme's layout pair is a layout while that theme is active."""

from collective.composite.exceptions import UnknownLayout
from collective.composite.layouts.previews import LayoutPreview
from collective.composite.layouts.registry import get_layout
from collective.composite.layouts.registry import get_layouts
from collective.composite.layouts.registry import render_layout
from page_fixtures import composite_document
from plone import api
from Products.Five import BrowserView
from shipped_layouts import SHIPPED
from theme_fixtures import activate
from theme_fixtures import file_system_theme

import pytest


@pytest.fixture
def view(portal, http_request):
    page = composite_document(portal, "page", "A page about themes")
    with file_system_theme():
        activate("fixture-theme")
        yield BrowserView(page, http_request)


def names(view) -> list[str]:
    return [layout.name for layout in get_layouts(view.context, view.request)]


def test_theme_layout_comes_after_the_registered_ones(view):
    assert names(view) == [*SHIPPED, "feature"]


def test_theme_layout_has_its_manifest_title_and_slots(view):
    layout = get_layout("feature", view.context, view.request)
    assert layout.title == "Feature"
    assert layout.description == "A lead story above two columns."
    assert [(slot.name, slot.title) for slot in layout.slots] == [
        ("lead", "Lead story"),
        ("more", "More stories"),
    ]
    assert layout.slot("lead").allowed == ("text",)
    assert layout.slot("lead").max == 1


def test_theme_layout_is_gone_while_another_theme_is_active(view):
    activate("barceloneta")
    assert "feature" not in names(view)
    with pytest.raises(UnknownLayout):
        get_layout("feature", view.context, view.request)


def test_theme_layout_is_gone_while_theming_is_off(view):
    activate("fixture-theme", enabled=False)
    assert "feature" not in names(view)


def test_theme_layout_is_only_for_composite_pages(view, portal):
    with api.env.adopt_roles(["Manager"]):
        document = api.content.create(container=portal, type="Document", id="doc")
    assert get_layouts(document, view.request) == []


def test_real_template_renders_the_slots_and_the_page(view):
    layout = get_layout("feature", view.context, view.request)
    html = render_layout(layout, view, {"lead": "<p>LEAD</p>", "more": "<p>MORE</p>"})
    assert '<h2 class="feature-title">A page about themes</h2>' in html
    assert '<div class="feature-lead"><p>LEAD</p></div>' in html
    assert '<div class="feature-more"><p>MORE</p></div>' in html


def test_design_template_renders_fuzzy_text_and_the_slots(view):
    layout = get_layout("feature", view.context, view.request)
    html = render_layout(layout, view, {"lead": "<p>LEAD</p>"}, design=True)
    assert "composite-fuzzy-header" in html
    assert "composite-fuzzy-footer" in html
    assert "<p>LEAD</p>" in html


def test_theme_layout_names_its_files_by_theme_path(view):
    layout = get_layout("feature", view.context, view.request)
    folder = "++theme++fixture-theme/composite-layouts/feature"
    assert layout.template == f"{folder}/feature.pt"
    assert layout.design_template == f"{folder}/feature_design.pt"


def test_preview_view_serves_the_theme_preview(view):
    preview = LayoutPreview(view.context, view.request).publishTraverse(
        view.request, "feature"
    )
    assert b"<svg" in preview()
    assert view.request.response.getHeader("Content-Type") == "image/svg+xml"


@pytest.mark.parametrize("name", ["../fixture-theme", "feature/..", ".hidden", ""])
def test_a_name_no_folder_may_have_is_unknown(view, name):
    with pytest.raises(UnknownLayout):
        get_layout(name, view.context, view.request)
