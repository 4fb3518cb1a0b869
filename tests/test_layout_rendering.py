"""Each shipped layout pair renders, real and design, with the slots' HTML."""

from collective.composite.exceptions import UnknownSlot
from collective.composite.layouts.registry import DESIGN_BUNDLE
from collective.composite.layouts.registry import get_layout
from collective.composite.layouts.registry import render_layout
from page_fixtures import composite_document
from Products.Five import BrowserView
from shipped_layouts import SHIPPED

import pytest


@pytest.fixture
def view(portal, http_request):
    page = composite_document(portal, "page", "A page about layouts")
    return BrowserView(page, http_request)


def filled(names):
    return {name: f'<p class="widget">widget in {name}</p>' for name in names}


@pytest.mark.parametrize(("name", "slots"), SHIPPED.items())
def test_real_template_places_every_slot(view, name, slots):
    layout = get_layout(name, view.context, view.request)
    html = render_layout(layout, view, filled(slots))
    for slot in slots:
        assert f"widget in {slot}</p>" in html


@pytest.mark.parametrize(("name", "slots"), SHIPPED.items())
def test_real_template_has_no_fuzzy_text(view, name, slots):
    layout = get_layout(name, view.context, view.request)
    assert "composite-fuzzy" not in render_layout(layout, view, filled(slots))


@pytest.mark.parametrize(("name", "slots"), SHIPPED.items())
def test_design_template_places_every_slot(view, name, slots):
    layout = get_layout(name, view.context, view.request)
    html = render_layout(layout, view, filled(slots), design=True)
    for slot in slots:
        assert f"widget in {slot}</p>" in html


@pytest.mark.parametrize("name", SHIPPED)
def test_design_template_draws_the_chrome_in_fuzzy_text(view, name):
    layout = get_layout(name, view.context, view.request)
    html = render_layout(layout, view, {}, design=True)
    assert 'class="composite-fuzzy composite-fuzzy-header" aria-hidden="true"' in html
    assert 'class="composite-fuzzy composite-fuzzy-title" aria-hidden="true"' in html
    assert "composite-fuzzy-footer" in html


@pytest.mark.parametrize("name", SHIPPED)
def test_design_is_the_same_on_every_render(view, name):
    layout = get_layout(name, view.context, view.request)
    first = render_layout(layout, view, {}, design=True)
    assert render_layout(layout, view, {}, design=True) == first


def test_design_title_follows_the_page_title(view):
    layout = get_layout("one-column", view.context, view.request)
    html = render_layout(layout, view, {}, design=True)
    # "A page about layouts": words of 1, 4, 5 and 7 letters.
    assert (
        '<span class="composite-fuzzy composite-fuzzy-title" aria-hidden="true">'
        '<span class="composite-fuzzy-word composite-fuzzy-w1"></span> '
        '<span class="composite-fuzzy-word composite-fuzzy-w4"></span> '
        '<span class="composite-fuzzy-word composite-fuzzy-w5"></span> '
        '<span class="composite-fuzzy-word composite-fuzzy-w7"></span></span>'
    ) in html


def test_design_does_not_show_the_real_title(view):
    layout = get_layout("one-column", view.context, view.request)
    assert "A page about layouts" not in render_layout(layout, view, {}, design=True)


def test_design_enables_the_design_css_bundle(view):
    layout = get_layout("one-column", view.context, view.request)
    render_layout(layout, view, {}, design=True)
    assert DESIGN_BUNDLE in view.request.enabled_bundles


def test_real_rendering_leaves_the_design_css_out(view):
    layout = get_layout("one-column", view.context, view.request)
    render_layout(layout, view, {})
    assert DESIGN_BUNDLE not in getattr(view.request, "enabled_bundles", [])


def test_empty_sidebar_is_left_out_for_visitors(view):
    layout = get_layout("two-columns", view.context, view.request)
    html = render_layout(layout, view, {"main": "<p>M</p>", "sidebar": "  \n"})
    assert "composite-slot-sidebar" not in html
    assert "col-12" in html


def test_sidebar_with_widgets_takes_a_column(view):
    layout = get_layout("two-columns", view.context, view.request)
    html = render_layout(layout, view, filled(["main", "sidebar"]))
    assert "composite-slot-sidebar col-md-4" in html
    assert "col-md-8" in html


def test_empty_landing_bands_are_left_out(view):
    layout = get_layout("landing", view.context, view.request)
    html = render_layout(layout, view, {"main": "<p>M</p>"})
    for band in ("composite-landing-hero", "composite-landing-features", "footer"):
        assert band not in html


def test_unknown_slot_is_refused(view):
    layout = get_layout("one-column", view.context, view.request)
    with pytest.raises(UnknownSlot, match="'sidebar'") as raised:
        render_layout(layout, view, {"sidebar": "<p>S</p>"})
    assert raised.value.field == "slots.sidebar"
