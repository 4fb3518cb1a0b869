"""``@@composite-view``: the real page, on Composite Pages, other behavior-enabled
content and the site root."""

from collective.composite import arrangement
from collective.composite.arrangement.storage import KEY
from collective.composite.interfaces import ICompositeLayer
from page_fixtures import add
from page_fixtures import as_manager
from page_fixtures import as_visitor
from page_fixtures import composite_documents
from page_fixtures import render
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.browsermenu.interfaces import IBrowserMenu
from zope.component import getUtility
from zope.interface import alsoProvides

import pytest


class TestCompositePage:
    def test_is_its_default_view(self, page):
        assert page.getLayout() == "composite-view"

    def test_renders_inside_plones_page(self, page, http_request):
        html = render(page, http_request)
        assert "<html" in html
        assert 'id="content-core"' in html

    def test_shows_the_title(self, page, http_request):
        assert "Our library" in render(page, http_request)

    def test_never_arranged_shows_the_default_layout(self, page, http_request):
        assert "composite-layout-one-column" in render(page, http_request)

    def test_never_arranged_page_stays_unarranged(self, page, http_request):
        render(page, http_request)
        assert KEY not in IAnnotations(page)

    def test_shows_the_chosen_layout(self, page, http_request):
        arrangement.set_layout(page, "three-columns")
        assert "composite-layout-three-columns" in render(page, http_request)

    def test_widgets_in_their_slots(self, page, http_request):
        arrangement.set_layout(page, "two-columns")
        add(page, "text", {"text": "<p>In the sidebar</p>"}, slot="sidebar")
        html = render(page, http_request)
        sidebar = html.split("composite-slot-sidebar")[1]
        assert "In the sidebar" in sidebar

    def test_widgets_keep_their_order(self, page, http_request):
        add(page, "text", {"text": "<p>First</p>"})
        add(page, "text", {"text": "<p>Second</p>"})
        html = render(page, http_request)
        assert html.index("First") < html.index("Second")

    def test_visitors_see_it(self, portal, page, http_request):
        add(page, "text", {"text": "<p>Open to all</p>"})
        as_visitor(portal)
        assert "Open to all" in render(page, http_request)


class TestUnplaced:
    @pytest.fixture
    def switched(self, page):
        arrangement.set_layout(page, "two-columns")
        add(page, "text", {"text": "<p>Aside</p>"}, slot="sidebar")
        arrangement.set_layout(page, "one-column")
        return page

    def test_unplaced_widgets_are_not_shown(self, switched, http_request):
        assert "Aside" not in render(switched, http_request)

    def test_designers_are_told_about_them(self, switched, http_request):
        assert "composite-unplaced-notice" in render(switched, http_request)

    def test_visitors_are_not(self, portal, switched, http_request):
        as_visitor(portal)
        assert "composite-unplaced-notice" not in render(switched, http_request)


class TestDisplayMenu:
    def test_offered_in_the_display_menu(self, page, http_request):
        alsoProvides(http_request, ICompositeLayer)
        menu = getUtility(IBrowserMenu, name="plone_displayviews")
        item = menu.getMenuItemByAction(page, http_request, "composite-view")
        assert item.title == "Composite page"


class TestOtherContent:
    def test_a_type_with_the_behavior_can_use_the_view(self, portal, http_request):
        as_manager(portal)
        with composite_documents(portal):
            doc = api.content.create(container=portal, type="Document", id="doc")
            add(doc, "text", {"text": "<p>Composed document</p>"})
            assert "Composed document" in render(doc, http_request)


class TestSiteRoot:
    def test_offers_the_view(self, portal):
        assert "composite-view" in portal.portal_types["Plone Site"].view_methods

    def test_keeps_its_current_view_on_install(self, portal):
        assert portal.getLayout() != "composite-view"

    def test_renders_as_a_landing_page(self, portal, http_request):
        as_manager(portal)
        portal.setLayout("composite-view")
        arrangement.set_layout(portal, "landing")
        add(portal, "text", {"text": "<h2>Welcome</h2>"}, slot="hero")
        as_visitor(portal)
        html = render(portal, http_request)
        assert "composite-layout-landing" in html
        assert "<h2>Welcome</h2>" in html.split("composite-slot-hero")[1]
