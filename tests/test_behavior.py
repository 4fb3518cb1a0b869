"""The ``collective.composite.composite`` behavior and the Composite Page type."""

from collective.composite.interfaces import ICompositeEnabled
from page_fixtures import as_manager
from page_fixtures import composite_documents
from plone import api
from plone.behavior.interfaces import IBehavior
from zope.component import getUtility

import pytest


BEHAVIOR = "collective.composite.composite"


class TestBehavior:
    def test_is_registered_with_the_marker(self, portal):
        behavior = getUtility(IBehavior, name=BEHAVIOR)
        assert behavior.marker is ICompositeEnabled

    def test_enabling_it_marks_the_content(self, portal):
        as_manager(portal)
        with composite_documents(portal):
            doc = api.content.create(container=portal, type="Document", id="doc")
            assert ICompositeEnabled.providedBy(doc)

    def test_content_without_it_is_not_marked(self, portal):
        as_manager(portal)
        doc = api.content.create(container=portal, type="Document", id="doc")
        assert not ICompositeEnabled.providedBy(doc)

    def test_the_site_root_has_it(self, portal):
        assert ICompositeEnabled.providedBy(portal)


class TestCompositePageType:
    def test_has_the_behavior(self, get_behaviors):
        assert BEHAVIOR in get_behaviors("Composite Page")

    @pytest.mark.parametrize(
        "behavior",
        [
            "plone.dublincore",
            "plone.versioning",
            "plone.namefromtitle",
            "plone.locking",
        ],
    )
    def test_has_the_usual_behaviors(self, get_behaviors, behavior):
        assert behavior in get_behaviors("Composite Page")

    def test_is_an_item(self, portal):
        as_manager(portal)
        page = api.content.create(container=portal, type="Composite Page", id="p")
        assert not page.isPrincipiaFolderish

    def test_is_marked(self, portal):
        as_manager(portal)
        page = api.content.create(container=portal, type="Composite Page", id="p")
        assert ICompositeEnabled.providedBy(page)

    def test_id_from_title(self, portal):
        as_manager(portal)
        page = api.content.create(
            container=portal, type="Composite Page", title="Front desk"
        )
        assert page.getId() == "front-desk"

    @pytest.mark.parametrize(
        ("role", "granted"),
        [("Contributor", True), ("Site Administrator", True), ("Member", False)],
    )
    def test_add_permission(self, portal, role, granted):
        roles = {
            r["name"]
            for r in portal.rolesOfPermission(
                "collective.composite: Add Composite Page"
            )
            if r["selected"]
        }
        assert (role in roles) is granted
