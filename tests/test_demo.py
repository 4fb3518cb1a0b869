"""The ``collective.composite:demo`` profile used by ``make start``."""

from collective.composite import arrangement
from page_fixtures import as_manager
from page_fixtures import as_visitor
from page_fixtures import render
from plone import api

import pytest


@pytest.fixture
def demo(portal, apply_profiles):
    as_manager(portal)
    apply_profiles(portal, ["collective.composite:demo"])
    return portal


def widget_types(obj) -> set[str]:
    return {widget.type for widget in arrangement.get(obj).widgets}


class TestDemoContent:
    def test_site_root_is_a_landing_front_page(self, demo):
        assert demo.getLayout() == "composite-view"
        assert arrangement.get(demo).layout == "landing"

    def test_two_composite_pages_on_other_layouts(self, demo):
        pages = [
            brain.getObject()
            for brain in api.content.find(portal_type="Composite Page")
        ]
        assert sorted(arrangement.get(page).layout for page in pages) == [
            "three-columns",
            "two-columns",
        ]

    def test_every_widget_type_is_used(self, demo):
        used = widget_types(demo)
        for brain in api.content.find(portal_type="Composite Page"):
            used |= widget_types(brain.getObject())
        assert used == {"content", "text", "image", "listing", "html"}

    def test_no_widget_is_unplaced(self, demo):
        assert arrangement.get(demo).unplaced == ()

    def test_images_are_generated(self, demo):
        image = demo["images"]["garden"].image
        assert image.contentType == "image/jpeg"
        assert image.getImageSize() == (800, 450)

    def test_not_part_of_the_default_profile(self, portal):
        assert "images" not in portal.objectIds()

    def test_applying_it_twice_changes_nothing(self, demo, apply_profiles):
        version = arrangement.get(demo).version
        apply_profiles(demo, ["collective.composite:demo"])
        assert arrangement.get(demo).version == version


class TestVisitorsSeeComposedPages:
    def test_front_page(self, demo, http_request):
        as_visitor(demo)
        html = render(demo, http_request)
        assert "composite-layout-landing" in html
        assert "Riverside Library" in html
        assert "composite-card--error" not in html

    @pytest.mark.parametrize("page_id", ["programme", "visit"])
    def test_pages(self, demo, http_request, page_id):
        as_visitor(demo)
        html = render(demo[page_id], http_request)
        assert "composite-widget-text" in html
        assert "composite-card" not in html

    def test_editors_see_no_error_or_missing_card(self, demo, http_request):
        for obj in (demo, demo["programme"], demo["visit"]):
            html = render(obj, http_request)
            assert "composite-card--error" not in html
            assert "composite-card--missing" not in html
