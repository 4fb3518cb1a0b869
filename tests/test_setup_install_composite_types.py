"""Installing lists in "Types that may be composite" every type that already
has the composite behavior, not only the two the profile names: the setting
mirrors the types, so the control panel never shows a composite type as not
composite (nor takes the behavior away when saved as shown)."""

from page_fixtures import as_manager
from plone import api

import pytest


BEHAVIOR = "collective.composite.composite"
TYPES_RECORD = "collective.composite.composite_types"


@pytest.fixture
def composite_before_install(portal, installer, document_fti):
    """The add-on uninstalled, Document given the behavior by hand (as a
    profile running first would), then the add-on installed."""
    as_manager(portal)
    installer.uninstall_product("collective.composite")
    document_fti.manage_changeProperties(behaviors=(*document_fti.behaviors, BEHAVIOR))
    installer.install_product("collective.composite")
    return document_fti


def test_a_type_composite_before_the_install_is_listed(composite_before_install):
    assert "Document" in api.portal.get_registry_record(TYPES_RECORD)


def test_the_profiles_types_stay_listed_first(composite_before_install):
    listed = api.portal.get_registry_record(TYPES_RECORD)
    assert listed[:2] == ["Composite Page", "Plone Site"]


def test_the_listed_type_keeps_the_behavior(composite_before_install):
    assert BEHAVIOR in composite_before_install.behaviors


def test_a_plain_install_lists_the_profiles_types_only(portal, installer):
    as_manager(portal)
    installer.uninstall_product("collective.composite")
    installer.install_product("collective.composite")
    assert api.portal.get_registry_record(TYPES_RECORD) == [
        "Composite Page",
        "Plone Site",
    ]
