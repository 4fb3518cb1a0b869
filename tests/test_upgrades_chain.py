"""The upgrade steps as a whole: one chain from the first release to the
profile's version, which a site of each earlier release runs through to a
working site (its page shown, designed, saved through REST), and which
changes nothing when run again."""

from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import MAX_SETTING_NUMBER
from collective.composite.interfaces import SETTINGS_PREFIX
from collective.composite.setuphandlers import ETAGS_RECORD
from collective.composite.upgrades.v1010 import OLD_ETAGS
from page_fixtures import add
from pathlib import Path
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.registry import field
from plone.registry import Record

import collective.composite
import pytest
import transaction
import xml.etree.ElementTree as ET


PROFILE = "collective.composite:default"
FIRST = "1000"
METADATA = Path(collective.composite.__file__).parent / "profiles/default/metadata.xml"
SETTINGS_PERMISSION = "collective.composite: Manage settings"
CONFIGLETS = ("collective.composite", "collective.composite.gallery")
UPLOAD_FOLDER = f"{SETTINGS_PREFIX}.image_upload_folder"
OLD_DESIGN_AVAILABLE = (
    "python:object.restrictedTraverse('@@plone_interface_info')"
    ".provides('collective.composite.interfaces.ICompositeEnabled')"
)


def metadata_version() -> str:
    """:returns: the version the default profile's metadata.xml declares."""
    return ET.parse(METADATA).getroot().findtext("version").strip()


def test_the_steps_chain_from_the_first_release_to_the_profiles_version(
    setup_tool,
):
    # listUpgrades lists only the steps a site still needs: from the start.
    setup_tool.setLastVersionForProfile(PROFILE, FIRST)
    steps = setup_tool.listUpgrades(PROFILE)
    sources = [step["ssource"] for step in steps]
    destinations = [step["sdest"] for step in steps]
    assert sources == [FIRST, *destinations[:-1]]
    # A version raised in metadata.xml without its step (or the reverse)
    # leaves sites on an old version, or tells them they are up to date.
    assert destinations[-1] == metadata_version()


def before_1001(portal) -> None:
    api.portal.get_tool("portal_catalog").delIndex("composite_references")


def before_1002(portal) -> None:
    del api.portal.get_tool("portal_registry").records[UPLOAD_FOLDER]


def before_1003(portal) -> None:
    """Composite Page not versioned, no configlet nor its permission, the
    settings plain records (not bound to the settings' interface)."""
    registry = api.portal.get_tool("portal_registry")
    for name, old_field in [
        (f"{SETTINGS_PREFIX}.max_payload_bytes", field.Int(title="Body", min=1)),
        (f"{SETTINGS_PREFIX}.history_retention", field.Int(title="Kept", min=1)),
        (UPLOAD_FOLDER, field.TextLine(title="Folder", required=False)),
    ]:
        if name in registry.records:
            registry.records[name] = Record(old_field, registry.records[name].value)
    repository = api.portal.get_tool("portal_repository")
    for policy_id in list(repository.getPolicyMap().get("Composite Page", ())):
        repository.removePolicyFromContentType("Composite Page", policy_id)
    repository.setVersionableContentTypes(
        [t for t in repository.getVersionableContentTypes() if t != "Composite Page"]
    )
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet(CONFIGLETS[0])
    portal.manage_permission(SETTINGS_PERMISSION, [], acquire=True)


def before_1004(portal) -> None:
    registry = api.portal.get_tool("portal_registry")
    for name in ("composite_types", "lock_refuses_saves"):
        del registry.records[f"{SETTINGS_PREFIX}.{name}"]


def before_1005(portal) -> None:
    api.portal.get_tool("portal_controlpanel").unregisterConfiglet(CONFIGLETS[1])


def before_1006(portal) -> None:
    """Nothing: the step changes only sites with plone.app.multilingual."""


def before_1007(portal) -> None:
    """The *Design* action available whatever the workflow allows."""
    action = api.portal.get_tool("portal_actions").object["composite-design"]
    action._setPropValue("available_expr", OLD_DESIGN_AVAILABLE)


def before_1008(portal) -> None:
    """The payload limit's record takes any number of at least 1 byte."""
    registry = api.portal.get_tool("portal_registry")
    name = f"{SETTINGS_PREFIX}.max_payload_bytes"
    old_field = field.Int(title="Body", min=1, max=MAX_SETTING_NUMBER)
    registry.records[name] = Record(old_field, registry.records[name].value)


def before_1009(portal) -> None:
    """The history's retention takes any number up to 2**53 - 1."""
    registry = api.portal.get_tool("portal_registry")
    name = f"{SETTINGS_PREFIX}.history_retention"
    old_field = field.Int(title="Kept", min=1, max=MAX_SETTING_NUMBER)
    registry.records[name] = Record(old_field, registry.records[name].value)


def before_1010(portal) -> None:
    """Composite pages' ETag without the user's roles nor the clipboard."""
    api.portal.set_registry_record(ETAGS_RECORD, OLD_ETAGS)


# What each step adds, taken away: the site as the release before it left it.
UNDO = {
    "1001": before_1001,
    "1002": before_1002,
    "1003": before_1003,
    "1004": before_1004,
    "1005": before_1005,
    "1006": before_1006,
    "1007": before_1007,
    "1008": before_1008,
    "1009": before_1009,
    "1010": before_1010,
}
STARTS = [FIRST, *sorted(UNDO)[:-1]]


def test_each_step_is_undone_here():
    assert sorted(UNDO)[-1] == metadata_version()


def as_release(portal, version: str) -> None:
    """Put the site back where release ``version`` left it, undoing what the
    steps after it add, newest first; a retention of 7 and a body limit of
    131072 set."""
    api.portal.set_registry_record(f"{SETTINGS_PREFIX}.history_retention", 7)
    api.portal.set_registry_record(f"{SETTINGS_PREFIX}.max_payload_bytes", 131072)
    for destination in sorted(UNDO, reverse=True):
        if destination > version:
            UNDO[destination](portal)
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, version)


@pytest.fixture(params=STARTS)
def upgraded(request, functional_portal, rest_users):
    """A site of each earlier release with a page showing an item, upgraded
    to the profile's version, committed."""
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    item = api.content.create(container=portal, type="Document", id="item")
    item.setTitle("The shown item")
    item.reindexObject()
    page = api.content.create(container=portal, type="Composite Page", id="page")
    add(page, "content", {"uid": item.UID()})
    add(page, "text", {"text": "<p>Upgraded words</p>"})
    as_release(portal, request.param)
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.upgradeProfile(PROFILE)
    transaction.commit()
    return {"page": page, "item": item, "setup_tool": setup_tool}


def test_the_upgrade_reaches_the_profiles_version(upgraded):
    version = upgraded["setup_tool"].getLastVersionForProfile(PROFILE)
    assert version == (metadata_version(),)


def test_the_upgrade_keeps_the_settings(upgraded):
    settings = api.portal.get_tool("portal_registry").forInterface(
        ICompositeSettings, prefix=SETTINGS_PREFIX
    )
    assert (settings.max_payload_bytes, settings.history_retention) == (131072, 7)
    assert settings.composite_types == ["Composite Page", "Plone Site"]
    assert settings.lock_refuses_saves is True


def test_the_upgraded_page_shows_its_widgets(upgraded, rest_client):
    response = rest_client("manager").get(
        f"{upgraded['page'].absolute_url()}/@@composite-view",
        headers={"Accept": "text/html"},
    )
    assert response.status_int == 200
    assert "Upgraded words" in response.text
    assert "The shown item" in response.text


def test_the_upgraded_page_opens_in_design_mode(upgraded, rest_client):
    response = rest_client("editor").get(
        f"{upgraded['page'].absolute_url()}/@@composite-design",
        headers={"Accept": "text/html"},
    )
    assert response.status_int == 200
    assert "Upgraded words" in response.text


def test_the_upgraded_page_is_saved_through_rest(upgraded, rest_client):
    editor = rest_client("editor")
    url = f"{upgraded['page'].absolute_url()}/@composite"
    read = editor.get(url).json
    slots = {**read["slots"], "main": read["slots"]["main"][::-1]}
    response = editor.patch(url, json={"version": read["version"], "slots": slots})
    assert response.status_int == 200, response.text
    assert [w["id"] for w in response.json["slots"]["main"]] == [
        w["id"] for w in slots["main"]
    ]


def test_the_shown_item_is_indexed(upgraded):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        composite_references=upgraded["item"].UID()
    )
    assert [brain.getId for brain in brains] == ["page"]


def snapshot(portal) -> dict:
    """What the upgrade steps set, as plain values."""
    registry = api.portal.get_tool("portal_registry")
    repository = api.portal.get_tool("portal_repository")
    controlpanel = api.portal.get_tool("portal_controlpanel")
    return {
        "records": {
            name: registry.records[name].value
            for name in registry.records
            if name.startswith("collective.composite.")
        },
        "indexes": sorted(api.portal.get_tool("portal_catalog").indexes()),
        "versioning": sorted(repository.getPolicyMap().get("Composite Page", ())),
        "configlets": sorted(
            c["id"] for c in controlpanel.enumConfiglets(group="Products")
        ),
        "roles": sorted(
            r["name"]
            for r in portal.rolesOfPermission(SETTINGS_PERMISSION)
            if r["selected"]
        ),
        "behaviors": {
            fti.getId(): tuple(getattr(fti, "behaviors", ()))
            for fti in api.portal.get_tool("portal_types").objectValues()
        },
        "design action": design_available(),
    }


def design_available() -> str:
    """:returns: the expression saying whom the *Design* action is shown to."""
    action = api.portal.get_tool("portal_actions").object["composite-design"]
    return action.getProperty("available_expr")


def test_the_upgraded_design_action_needs_modify_portal_content(upgraded):
    assert design_available() == (
        f"{OLD_DESIGN_AVAILABLE} and checkPermission('Modify portal content', object)"
    )


def test_running_the_upgrade_again_changes_nothing(upgraded, functional_portal):
    before = snapshot(functional_portal)
    setup_tool = upgraded["setup_tool"]
    setup_tool.setLastVersionForProfile(PROFILE, FIRST)  # every step again
    setup_tool.upgradeProfile(PROFILE)
    assert snapshot(functional_portal) == before
    assert setup_tool.getLastVersionForProfile(PROFILE) == (metadata_version(),)
