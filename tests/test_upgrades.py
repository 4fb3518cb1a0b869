"""Upgrade steps of the default profile."""

from page_fixtures import add
from page_fixtures import as_manager
from plone import api

import pytest


PROFILE = "collective.composite:default"


@pytest.fixture
def before_1001(portal, setup_tool):
    """A site as release 1000 left it: no composite_references index, and a
    page showing an item."""
    as_manager(portal)
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("composite_references")
    item = api.content.create(container=portal, type="Document", id="item")
    page = api.content.create(container=portal, type="Composite Page", id="page")
    add(page, "content", {"uid": item.UID()})
    setup_tool.setLastVersionForProfile(PROFILE, "1000")
    return item


def test_the_profiles_version_is_1002(setup_tool):
    assert setup_tool.getVersionForProfile(PROFILE) == "1002"


def test_1000_has_a_step_to_1001_then_to_1002(before_1001, setup_tool):
    steps = setup_tool.listUpgrades(PROFILE)
    assert [(step["ssource"], step["sdest"]) for step in steps] == [
        ("1000", "1001"),
        ("1001", "1002"),
    ]


def test_upgrading_to_1001_adds_the_index_of_shown_items(before_1001, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(composite_references=before_1001.UID())
    assert [brain.getId for brain in brains] == ["page"]


def test_upgrading_to_1001_records_the_new_version(before_1001, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1002",)


UPLOAD_FOLDER = "collective.composite.image_upload_folder"


@pytest.fixture
def before_1002(portal, setup_tool):
    """A site as release 1001 left it: no record of the upload folder."""
    as_manager(portal)
    registry = api.portal.get_tool("portal_registry")
    fresh = registry.records[UPLOAD_FOLDER]
    del registry.records[UPLOAD_FOLDER]
    setup_tool.setLastVersionForProfile(PROFILE, "1001")
    return fresh


def test_upgrading_to_1002_adds_the_upload_folder_record(before_1002, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    record = api.portal.get_tool("portal_registry").records[UPLOAD_FOLDER]
    assert record.value == ""
    assert record.field.title == before_1002.field.title
    assert record.field.description == before_1002.field.description
    assert record.field.required is False
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1002",)


def test_upgrading_to_1002_keeps_a_folder_set_already(portal, setup_tool):
    as_manager(portal)
    api.portal.set_registry_record(UPLOAD_FOLDER, "/media")
    setup_tool.setLastVersionForProfile(PROFILE, "1001")
    setup_tool.upgradeProfile(PROFILE)
    assert api.portal.get_registry_record(UPLOAD_FOLDER) == "/media"
