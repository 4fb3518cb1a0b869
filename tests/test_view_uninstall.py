"""Uninstalling keeps composite content intact and the site viewable."""

from collective.composite import arrangement
from collective.composite.arrangement.storage import KEY
from page_fixtures import add
from page_fixtures import as_manager
from page_fixtures import composite_documents
from plone import api
from zope.annotation.interfaces import IAnnotations

import pytest


@pytest.fixture
def arranged(portal, installer):
    """A composite page, a composite Document and a composite site root, then
    the add-on uninstalled."""
    as_manager(portal)
    page = api.content.create(
        container=portal, type="Composite Page", id="page", title="Kept page"
    )
    add(page, "text", {"text": "<p>Kept words</p>"})
    with composite_documents(portal, view_method=True):
        doc = api.content.create(container=portal, type="Document", id="doc")
        doc.setLayout("composite-view")
        portal.setLayout("composite-view")
        arrangement.set_layout(portal, "landing")
        installer.uninstall_product("collective.composite")
        yield {"page": page, "doc": doc}


def view(obj) -> str:
    return obj.restrictedTraverse(obj.getLayout())()


class TestUninstall:
    def test_the_page_still_renders(self, arranged):
        html = view(arranged["page"])
        assert "<html" in html
        assert "Kept page" in html

    def test_the_page_falls_back_to_the_plain_view(self, arranged):
        assert arranged["page"].getLayout() == "view"

    def test_the_arrangement_is_kept(self, arranged):
        assert KEY in IAnnotations(arranged["page"])

    def test_the_site_root_still_renders(self, portal, arranged):
        assert portal.getLayout() != "composite-view"
        assert "<html" in view(portal)

    def test_other_content_gets_its_default_view_back(self, arranged):
        doc = arranged["doc"]
        assert doc.getLayout() == "document_view"
        assert "<html" in view(doc)

    def test_no_new_composite_pages(self, portal, arranged):
        assert not portal.portal_types["Composite Page"].global_allow

    def test_the_behavior_is_removed(self, get_behaviors, arranged):
        assert "collective.composite.composite" not in get_behaviors("Composite Page")
        assert "collective.composite.composite" not in get_behaviors("Plone Site")

    def test_the_site_root_no_longer_offers_the_view(self, portal, arranged):
        assert "composite-view" not in portal.portal_types["Plone Site"].view_methods

    def test_the_site_root_keeps_its_other_views(self, portal, arranged):
        assert "listing_view" in portal.portal_types["Plone Site"].view_methods

    def test_reinstalling_composes_the_page_again(self, installer, arranged):
        installer.install_product("collective.composite")
        assert arranged["page"].getLayout() == "composite-view"
