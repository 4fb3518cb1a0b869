"""The services' registry record comes with the add-on and goes with it."""

from collective.composite.json_body import MAX_PAYLOAD_RECORD
from plone import api


def test_payload_limit_record_installed_with_one_megabyte(portal):
    assert api.portal.get_registry_record(MAX_PAYLOAD_RECORD) == 1024 * 1024


def test_payload_limit_record_removed_on_uninstall(portal, uninstalled):
    assert api.portal.get_registry_record(MAX_PAYLOAD_RECORD, default=None) is None
