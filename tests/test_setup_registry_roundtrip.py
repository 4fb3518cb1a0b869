"""The settings in a GenericSetup export of the registry (portal_setup's
*Export* tab, step *Manage the configuration registry*) come back whole when
that export is imported: the way a site's configuration moves to another.

Only the add-on's records are imported back: some of Plone's own records do
not survive their export (a ``/news/aggregator`` choice, say).
"""

from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import SETTINGS_PREFIX
from page_fixtures import as_manager
from plone import api
from plone.app.registry.exportimport.handler import importRegistry
from Products.GenericSetup.context import TarballImportContext
from zope.schema import getFieldNames

import io
import pytest
import tarfile
import xml.etree.ElementTree as ET


CHANGED = {
    "max_payload_bytes": 131072,
    "history_retention": 7,
    "image_upload_folder": "/images",
    "lock_refuses_saves": False,
    "composite_types": ["Composite Page", "Document"],
}


def test_every_setting_is_changed_here():
    assert sorted(CHANGED) == sorted(getFieldNames(ICompositeSettings))


@pytest.fixture
def imported(portal, setup_tool, document_fti):
    """Every setting changed and the registry exported; the settings then
    set back to their defaults, and the export imported."""
    as_manager(portal)
    for name, value in CHANGED.items():
        api.portal.set_registry_record(f"{SETTINGS_PREFIX}.{name}", value)
    exported = setup_tool.runExportStep("plone.app.registry")
    for name in getFieldNames(ICompositeSettings):
        default = ICompositeSettings[name].default
        api.portal.set_registry_record(f"{SETTINGS_PREFIX}.{name}", default)
    ours = addons_records(exported["tarball"])
    importRegistry(TarballImportContext(setup_tool, ours))
    return ours


def addons_records(tarball: bytes) -> bytes:
    """:returns: a tarball of the export's registry.xml with only the
    records of the add-on's settings."""
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        root = ET.fromstring(archive.extractfile("registry.xml").read())
    for node in list(root):
        if not node.get("name", "").startswith(f"{SETTINGS_PREFIX}."):
            root.remove(node)
    assert len(root) == len(CHANGED)
    body = ET.tostring(root, encoding="utf-8")
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        info = tarfile.TarInfo("registry.xml")
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(CHANGED))
def test_a_setting_comes_back(imported, name):
    assert api.portal.get_registry_record(f"{SETTINGS_PREFIX}.{name}") == CHANGED[name]


def test_the_types_follow_the_imported_setting(imported, portal, document_fti):
    assert "collective.composite.composite" in document_fti.behaviors
    site = portal.portal_types["Plone Site"]
    assert "collective.composite.composite" not in site.behaviors
