"""Uninstalling takes the composite behavior and view off every type, not only
off Composite Page and the site root: types made composite in the settings,
or by an integrator's profile, keep nothing that is gone with the add-on."""

from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ICompositeLayer
from page_fixtures import add
from page_fixtures import as_manager
from plone import api
from zope.interface import noLongerProvides

import pytest


BEHAVIOR = "collective.composite.composite"


@pytest.fixture
def ticked(portal, installer, document_fti):
    """Document ticked in Site Setup's "Types that may be composite", an
    arranged Document, then the add-on uninstalled."""
    as_manager(portal)
    api.portal.set_registry_record(
        "collective.composite.composite_types",
        ["Composite Page", "Plone Site", "Document"],
    )
    doc = api.content.create(container=portal, type="Document", id="doc")
    add(doc, "text", {"text": "<p>Kept words</p>"})
    installer.uninstall_product("collective.composite")
    return doc


@pytest.fixture
def composite_by_default(portal, installer, document_fti):
    """Document shown with the composite view by default (an integrator's
    profile may say so), an item of it, then the add-on uninstalled."""
    as_manager(portal)
    document_fti.manage_changeProperties(
        behaviors=(*document_fti.behaviors, BEHAVIOR),
        view_methods=("document_view", "composite-view"),
        default_view="composite-view",
    )
    doc = api.content.create(container=portal, type="Document", id="doc", title="Kept")
    installer.uninstall_product("collective.composite")
    # A request after the uninstall no longer has the add-on's layer.
    noLongerProvides(portal.REQUEST, ICompositeLayer)
    return doc


def test_a_type_ticked_in_the_settings_loses_the_behavior(ticked, document_fti):
    assert BEHAVIOR not in document_fti.behaviors


def test_a_type_ticked_in_the_settings_loses_the_view(ticked, document_fti):
    assert "composite-view" not in document_fti.view_methods


def test_its_items_are_no_longer_composite(ticked):
    assert not ICompositeEnabled.providedBy(ticked)


def test_a_reinstall_lists_the_types_that_are_composite(ticked, installer, portal):
    installer.install_product("collective.composite")
    composite = [
        fti.getId()
        for fti in portal.portal_types.objectValues()
        if BEHAVIOR in getattr(fti, "behaviors", ())
    ]
    listed = api.portal.get_registry_record("collective.composite.composite_types")
    assert sorted(composite) == sorted(listed)


def test_a_type_shown_with_the_composite_view_stays_viewable(composite_by_default):
    doc = composite_by_default
    assert doc.getLayout() == "document_view"
    assert "Kept" in doc.restrictedTraverse(doc.getLayout())()
