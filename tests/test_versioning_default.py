"""Composite pages are versioned by default, as Plone's Document is: the
default profile gives the type CMFEditions' policies, uninstalling takes them
away again."""

from collective.composite import arrangement
from page_fixtures import as_manager
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


TYPE = "Composite Page"
POLICIES = {"at_edit_autoversion", "version_on_revert"}


def versions(page) -> int:
    """:returns: how many content versions of ``page`` the repository keeps."""
    history = api.portal.get_tool("portal_repository").getHistoryMetadata(page)
    return history.getLength(countPurged=False) if history else 0


def test_composite_page_is_versionable(portal):
    repository = api.portal.get_tool("portal_repository")
    assert TYPE in repository.getVersionableContentTypes()
    assert set(repository.getPolicyMap()[TYPE]) == POLICIES


def test_a_new_page_has_a_first_version(page):
    assert api.portal.get_tool("portal_repository").isVersionable(page)
    assert versions(page) == 1


def test_an_edit_creates_a_version(page):
    page.title = "Our new library"
    notify(ObjectModifiedEvent(page))
    assert versions(page) == 2
    assert page.version_id == 1


def test_a_design_save_makes_a_revision_not_a_content_version(page):
    """Design mode's saves have the arrangement's own history."""
    arrangement.save(page, {"layout": "two-columns", "slots": {}}, None)
    assert versions(page) == 1


def test_the_content_settings_show_automatic_versioning(portal):
    """The "Versioning policy" of Site Setup → Content Settings."""
    as_manager(portal)
    view = portal.restrictedTraverse("@@content-controlpanel")
    view.request.form["type_id"] = TYPE
    assert view.current_versioning_policy() == "automatic"


class TestUninstall:
    @pytest.fixture(autouse=True)
    def _uninstalled(self, uninstalled):
        pass

    def test_composite_page_is_no_longer_versionable(self, portal):
        repository = api.portal.get_tool("portal_repository")
        assert TYPE not in repository.getVersionableContentTypes()
        assert not repository.getPolicyMap().get(TYPE)
