"""Applying the default profile again (portal_setup's *Import all steps*, a
policy profile depending on it being re-run) keeps what the integrator set:
the settings of *Site Setup → Composite pages*, the types that may be
composite, and the caching rule of composite pages in *Site Setup → Caching*."""

from page_fixtures import add
from page_fixtures import as_manager
from plone import api

import pytest


PROFILE = "profile-collective.composite:default"
PREFIX = "collective.composite"
BEHAVIOR = "collective.composite.composite"
MAPPING = "plone.caching.interfaces.ICacheSettings.operationMapping"
ETAGS = "plone.app.caching.weakCaching.collective.composite.page.etags"
RAM_CACHE = "plone.app.caching.weakCaching.collective.composite.page.ramCache"

SETTINGS = {
    "max_payload_bytes": 131072,
    "history_retention": 7,
    "image_upload_folder": "/images",
    "lock_refuses_saves": False,
    "composite_types": ["Composite Page", "Document"],
}


@pytest.fixture
def reimported(portal, setup_tool, document_fti):
    """Every setting changed (Plone Site unticked, Document ticked), a page
    arranged, then the default profile's import steps run again."""
    as_manager(portal)
    for name, value in SETTINGS.items():
        api.portal.set_registry_record(f"{PREFIX}.{name}", value)
    page = api.content.create(container=portal, type="Composite Page", id="page")
    add(page, "text", {"text": "<p>Kept words</p>"})
    setup_tool.runAllImportStepsFromProfile(PROFILE)
    return page


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_a_setting_keeps_its_value(reimported, name):
    assert api.portal.get_registry_record(f"{PREFIX}.{name}") == SETTINGS[name]


def test_an_unticked_site_root_stays_unticked(reimported, portal):
    fti = portal.portal_types["Plone Site"]
    assert BEHAVIOR not in fti.behaviors
    assert "composite-view" not in fti.view_methods


def test_a_ticked_type_stays_composite(reimported, document_fti):
    assert BEHAVIOR in document_fti.behaviors


def test_composite_page_stays_composite(reimported, portal):
    assert BEHAVIOR in portal.portal_types["Composite Page"].behaviors


@pytest.fixture
def caching_changed(portal, setup_tool):
    """Composite pages mapped to moderate caching with fewer ETag components
    and the RAM cache on (*Site Setup → Caching*), then the default profile's
    import steps run again."""
    as_manager(portal)
    mapping = dict(api.portal.get_registry_record(MAPPING))
    mapping["collective.composite.page"] = "plone.app.caching.moderateCaching"
    api.portal.set_registry_record(MAPPING, mapping)
    api.portal.set_registry_record(ETAGS, ("userid", "composite"))
    api.portal.set_registry_record(RAM_CACHE, True)
    setup_tool.runAllImportStepsFromProfile(PROFILE)


def test_the_caching_operation_is_kept(caching_changed):
    mapping = api.portal.get_registry_record(MAPPING)
    assert mapping["collective.composite.page"] == "plone.app.caching.moderateCaching"


def test_the_etag_components_are_kept(caching_changed):
    assert api.portal.get_registry_record(ETAGS) == ("userid", "composite")


def test_the_ram_cache_setting_is_kept(caching_changed):
    assert api.portal.get_registry_record(RAM_CACHE) is True
