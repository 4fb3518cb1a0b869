"""The caching rule of composite pages in plone.app.caching's records: made by
the install where the site has none, taken out by the uninstall."""

from page_fixtures import as_manager
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import pytest


MAPPING = "plone.caching.interfaces.ICacheSettings.operationMapping"
RULESET = "collective.composite.page"
PREFIX = "plone.app.caching.weakCaching.collective.composite.page"


def test_the_install_maps_composite_pages_to_weak_caching(portal):
    mapping = api.portal.get_registry_record(MAPPING)
    assert mapping[RULESET] == "plone.app.caching.weakCaching"


def test_the_install_adds_the_composite_etag_component(portal):
    etags = api.portal.get_registry_record(f"{PREFIX}.etags")
    assert etags[-1] == "composite"
    assert api.portal.get_registry_record(f"{PREFIX}.ramCache") is False


def test_the_install_adds_the_roles_and_clipboard_etag_components(portal):
    etags = api.portal.get_registry_record(f"{PREFIX}.etags")
    assert {"roles", "copy"} <= set(etags)


@pytest.fixture
def uninstalled_with_a_mapping(portal, installer):
    """Another rule mapped too, then the add-on uninstalled."""
    as_manager(portal)
    mapping = dict(api.portal.get_registry_record(MAPPING))
    api.portal.set_registry_record(
        MAPPING, {**mapping, "plone.content.itemView": "plone.app.caching.weakCaching"}
    )
    installer.uninstall_product("collective.composite")


def test_the_uninstall_takes_the_rule_out_of_the_mapping(uninstalled_with_a_mapping):
    mapping = api.portal.get_registry_record(MAPPING)
    assert RULESET not in mapping
    assert mapping["plone.content.itemView"] == "plone.app.caching.weakCaching"


@pytest.mark.parametrize("name", ["etags", "ramCache"])
def test_the_uninstall_removes_the_operations_records(uninstalled_with_a_mapping, name):
    assert f"{PREFIX}.{name}" not in getUtility(IRegistry).records
