"""Upgrade steps of the default profile."""

from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import MAX_HISTORY_RETENTION
from collective.composite.interfaces import MAX_SETTING_NUMBER
from collective.composite.interfaces import MIN_PAYLOAD_BYTES
from collective.composite.interfaces import SETTINGS_PREFIX
from page_fixtures import add
from page_fixtures import as_manager
from plone import api
from plone.registry import field
from plone.registry import Record
from zope.schema.interfaces import TooBig
from zope.schema.interfaces import TooSmall

import pytest


PROFILE = "collective.composite:default"
# The default profile's version: every upgrade ends there.
LATEST = "1010"


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


def test_the_profiles_version_is_the_latest(setup_tool):
    assert setup_tool.getVersionForProfile(PROFILE) == LATEST


def test_1000_has_one_step_to_each_later_release_in_order(before_1001, setup_tool):
    steps = setup_tool.listUpgrades(PROFILE)
    assert [(step["ssource"], step["sdest"]) for step in steps] == [
        ("1000", "1001"),
        ("1001", "1002"),
        ("1002", "1003"),
        ("1003", "1004"),
        ("1004", "1005"),
        ("1005", "1006"),
        ("1006", "1007"),
        ("1007", "1008"),
        ("1008", "1009"),
        ("1009", "1010"),
    ]


def test_upgrading_to_1001_adds_the_index_of_shown_items(before_1001, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(composite_references=before_1001.UID())
    assert [brain.getId for brain in brains] == ["page"]


def test_upgrading_to_1001_records_the_new_version(before_1001, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    assert setup_tool.getLastVersionForProfile(PROFILE) == (LATEST,)


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
    assert setup_tool.getLastVersionForProfile(PROFILE) == (LATEST,)


def test_upgrading_to_1002_keeps_a_folder_set_already(portal, setup_tool):
    as_manager(portal)
    api.portal.set_registry_record(UPLOAD_FOLDER, "/media")
    setup_tool.setLastVersionForProfile(PROFILE, "1001")
    setup_tool.upgradeProfile(PROFILE)
    assert api.portal.get_registry_record(UPLOAD_FOLDER) == "/media"


SETTINGS_PERMISSION = "collective.composite: Manage settings"
RETENTION = "collective.composite.history_retention"


@pytest.fixture
def before_1003(portal, setup_tool):
    """A site as release 1002 left it: Composite Page not versioned, no
    configlet, the settings as plain records (a retention of 7 set)."""
    as_manager(portal)
    repository = api.portal.get_tool("portal_repository")
    for policy_id in list(repository.getPolicyMap()["Composite Page"]):
        repository.removePolicyFromContentType("Composite Page", policy_id)
    repository.setVersionableContentTypes(
        [
            name
            for name in repository.getVersionableContentTypes()
            if name != "Composite Page"
        ]
    )
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet(
        "collective.composite"
    )
    portal.manage_permission(SETTINGS_PERMISSION, [], acquire=True)
    registry = api.portal.get_tool("portal_registry")
    registry.records[RETENTION] = Record(field.Int(title="Retention", min=1), 7)
    setup_tool.setLastVersionForProfile(PROFILE, "1002")


def test_upgrading_to_1003_versions_composite_pages(before_1003, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    repository = api.portal.get_tool("portal_repository")
    assert "Composite Page" in repository.getVersionableContentTypes()
    assert set(repository.getPolicyMap()["Composite Page"]) == {
        "at_edit_autoversion",
        "version_on_revert",
    }
    assert setup_tool.getLastVersionForProfile(PROFILE) == (LATEST,)


def test_upgrading_to_1003_adds_the_configlet(before_1003, setup_tool, portal):
    setup_tool.upgradeProfile(PROFILE)
    configlets = api.portal.get_tool("portal_controlpanel").enumConfiglets(
        group="Products"
    )
    assert "collective.composite" in [configlet["id"] for configlet in configlets]
    roles = {
        role["name"]
        for role in portal.rolesOfPermission(SETTINGS_PERMISSION)
        if role["selected"]
    }
    assert roles == {"Manager", "Site Administrator"}


def test_upgrading_to_1003_keeps_the_settings_values(before_1003, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    settings = api.portal.get_tool("portal_registry").forInterface(
        ICompositeSettings, prefix=SETTINGS_PREFIX
    )
    assert settings.history_retention == 7
    assert settings.max_payload_bytes == 1048576
    record = api.portal.get_tool("portal_registry").records[RETENTION]
    assert record.field.interfaceName == ICompositeSettings.__identifier__


TYPES = "collective.composite.composite_types"
REFUSES = "collective.composite.lock_refuses_saves"


@pytest.fixture
def before_1004(portal, setup_tool):
    """A site as release 1003 left it: no records of the two settings, and an
    integrator gave Document the composite behavior."""
    as_manager(portal)
    registry = api.portal.get_tool("portal_registry")
    del registry.records[TYPES]
    del registry.records[REFUSES]
    fti = portal.portal_types["Document"]
    fti.manage_changeProperties(
        behaviors=(*fti.behaviors, "collective.composite.composite")
    )
    setup_tool.setLastVersionForProfile(PROFILE, "1003")


def test_upgrading_to_1004_lists_the_types_composite_now(before_1004, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    assert set(api.portal.get_registry_record(TYPES)) == {
        "Composite Page",
        "Plone Site",
        "Document",
    }


def test_upgrading_to_1004_keeps_the_lock_refusing_saves(before_1004, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    assert api.portal.get_registry_record(REFUSES) is True
    assert setup_tool.getLastVersionForProfile(PROFILE) == (LATEST,)


GALLERY = "collective.composite.gallery"


@pytest.fixture
def before_1005(portal, setup_tool):
    """A site as release 1004 left it: Site Setup has no Layout gallery."""
    as_manager(portal)
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet(GALLERY)
    setup_tool.setLastVersionForProfile(PROFILE, "1004")


def configlet_ids() -> list[str]:
    tool = api.portal.get_tool("portal_controlpanel")
    return [configlet["id"] for configlet in tool.enumConfiglets(group="Products")]


def test_upgrading_to_1005_adds_the_layout_gallery(before_1005, setup_tool):
    assert GALLERY not in configlet_ids()
    setup_tool.upgradeProfile(PROFILE)
    assert GALLERY in configlet_ids()
    assert setup_tool.getLastVersionForProfile(PROFILE) == (LATEST,)


def test_upgrading_to_1005_keeps_composite_pages(before_1005, setup_tool):
    setup_tool.upgradeProfile(PROFILE)
    assert configlet_ids().count("collective.composite") == 1


PAYLOAD = "collective.composite.max_payload_bytes"


@pytest.fixture
def before_1008(portal, setup_tool):
    """A site as release 1007 left it: the payload limit's field takes 1 byte
    (a limit that refused design mode's every request)."""
    as_manager(portal)
    registry = api.portal.get_tool("portal_registry")

    def with_limit(value: int) -> None:
        old_field = field.Int(title="Body", min=1, max=MAX_SETTING_NUMBER)
        registry.records[PAYLOAD] = Record(old_field, value)
        setup_tool.setLastVersionForProfile(PROFILE, "1007")

    return with_limit


def test_upgrading_to_1008_raises_a_limit_below_the_floor_to_it(
    before_1008, setup_tool
):
    before_1008(1)
    setup_tool.upgradeProfile(PROFILE)
    assert api.portal.get_registry_record(PAYLOAD) == MIN_PAYLOAD_BYTES
    assert setup_tool.getLastVersionForProfile(PROFILE) == (LATEST,)


def test_upgrading_to_1008_keeps_a_limit_above_the_floor(before_1008, setup_tool):
    before_1008(131072)
    setup_tool.upgradeProfile(PROFILE)
    assert api.portal.get_registry_record(PAYLOAD) == 131072


def test_after_1008_the_record_refuses_a_limit_below_the_floor(before_1008, setup_tool):
    before_1008(1)
    setup_tool.upgradeProfile(PROFILE)
    with pytest.raises(TooSmall):
        api.portal.set_registry_record(PAYLOAD, MIN_PAYLOAD_BYTES - 1)


RETENTION = "collective.composite.history_retention"


@pytest.fixture
def before_1009(portal, setup_tool):
    """A site as release 1008 left it: the history's retention takes any
    number up to 2**53 - 1."""
    as_manager(portal)
    registry = api.portal.get_tool("portal_registry")

    def with_retention(value: int) -> None:
        old_field = field.Int(title="Kept", min=1, max=MAX_SETTING_NUMBER)
        registry.records[RETENTION] = Record(old_field, value)
        setup_tool.setLastVersionForProfile(PROFILE, "1008")

    return with_retention


def test_upgrading_to_1009_lowers_a_retention_above_the_bound_to_it(
    before_1009, setup_tool
):
    before_1009(MAX_SETTING_NUMBER)
    setup_tool.upgradeProfile(PROFILE)
    assert api.portal.get_registry_record(RETENTION) == MAX_HISTORY_RETENTION
    assert setup_tool.getLastVersionForProfile(PROFILE) == (LATEST,)


def test_upgrading_to_1009_keeps_a_retention_within_the_bound(before_1009, setup_tool):
    before_1009(MAX_HISTORY_RETENTION)
    setup_tool.upgradeProfile(PROFILE)
    assert api.portal.get_registry_record(RETENTION) == MAX_HISTORY_RETENTION


def test_after_1009_the_record_refuses_a_retention_above_the_bound(
    before_1009, setup_tool
):
    before_1009(5000)
    setup_tool.upgradeProfile(PROFILE)
    with pytest.raises(TooBig):
        api.portal.set_registry_record(RETENTION, MAX_HISTORY_RETENTION + 1)
