"""Installing and uninstalling the add-on through GenericSetup."""

from collective.composite.interfaces import ICompositeLayer
from pathlib import Path
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.dottedname.resolve import resolve
from zope.schema import getFieldNames

import collective.composite
import pytest
import xml.etree.ElementTree as ET


PERMISSION = "collective.composite: Design composite pages"
DEFAULT_REGISTRY = (
    Path(collective.composite.__file__).parent / "profiles/default/registry.xml"
)


def default_profile_records() -> list[str]:
    """:returns: the names of the records the default profile's registry.xml
    adds: one a ``<record>``, one a field of each ``<records>``' interface."""
    tree = ET.parse(DEFAULT_REGISTRY)
    names = [record.get("name") for record in tree.iter("record")]
    for records in tree.iter("records"):
        interface = resolve(records.get("interface"))
        prefix = records.get("prefix") or interface.__identifier__
        names += [f"{prefix}.{name}" for name in getFieldNames(interface)]
    assert names, "the default profile adds no registry record"
    return names


class TestInstall:
    def test_product_installed(self, installer, package_name):
        assert installer.is_product_installed(package_name) is True

    def test_browserlayer_registered(self, browser_layers):
        assert ICompositeLayer in browser_layers

    def test_installed_profile_version_is_the_filesystem_version(
        self, profile_last_version, setup_tool
    ):
        profile = "collective.composite:default"
        assert profile_last_version(profile) == setup_tool.getVersionForProfile(profile)

    @pytest.mark.parametrize(
        "role", ["Manager", "Site Administrator", "Editor", "Owner"]
    )
    def test_design_permission_granted_to(self, portal, role):
        roles = {
            r["name"] for r in portal.rolesOfPermission(PERMISSION) if r["selected"]
        }
        assert role in roles

    def test_references_index_added(self, portal):
        assert "composite_references" in portal.portal_catalog.indexes()

    @pytest.mark.parametrize("role", ["Anonymous", "Member", "Reader", "Contributor"])
    def test_design_permission_not_granted_to(self, portal, role):
        roles = {
            r["name"] for r in portal.rolesOfPermission(PERMISSION) if r["selected"]
        }
        assert role not in roles


class TestUninstall:
    @pytest.fixture(autouse=True)
    def _uninstalled(self, uninstalled):
        pass

    def test_product_uninstalled(self, installer, package_name):
        assert installer.is_product_installed(package_name) is False

    def test_browserlayer_removed(self, browser_layers):
        assert ICompositeLayer not in browser_layers

    def test_design_permission_back_to_manager_only(self, portal):
        roles = {
            r["name"] for r in portal.rolesOfPermission(PERMISSION) if r["selected"]
        }
        assert roles == {"Manager"}

    @pytest.mark.parametrize("name", default_profile_records())
    def test_registry_record_removed(self, portal, name):
        assert name not in getUtility(IRegistry).records

    def test_references_index_removed(self, portal):
        assert "composite_references" not in portal.portal_catalog.indexes()

    def test_site_still_renders(self, portal):
        html = portal.restrictedTraverse("@@view")()
        assert "<html" in html
