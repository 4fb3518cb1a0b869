"""The setting "Types that may be composite" (``collective.composite.
composite_types``) and the types' composite behavior, kept in step both ways."""

from collective.composite import arrangement
from collective.composite.controlpanel.composite_types import composable_types
from collective.composite.interfaces import CompositePageStaysComposite
from collective.composite.interfaces import ICompositeEnabled
from page_fixtures import as_manager
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from Products.GenericSetup.tests.common import DummyImportContext
from zope.schema.interfaces import ValidationError

import pytest


RECORD = "collective.composite.composite_types"
BEHAVIOR = "collective.composite.composite"
DEFAULT = ["Composite Page", "Plone Site"]


def stored() -> list[str]:
    return list(api.portal.get_registry_record(RECORD))


def set_types(*names: str) -> None:
    api.portal.set_registry_record(RECORD, list(names))


def catalogued_as_composite(obj) -> bool:
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        UID=obj.UID(), object_provides=ICompositeEnabled.__identifier__
    )
    return len(brains) == 1


@pytest.fixture
def document(portal):
    as_manager(portal)
    return api.content.create(container=portal, type="Document", id="doc")


def test_the_default_is_composite_page_and_the_site_root(portal):
    assert stored() == DEFAULT


def test_the_vocabulary_offers_the_dexterity_types_and_the_site_root(portal):
    values = {term.value for term in composable_types(portal)}
    assert {"Document", "Folder", "Composite Page", "Plone Site"} <= values


def test_the_vocabulary_refuses_a_type_the_site_lacks(portal):
    with pytest.raises(ValidationError):
        set_types(*DEFAULT, "No Such Type")
    assert stored() == DEFAULT


def test_listing_a_type_gives_it_the_behavior_and_the_view(portal, get_behaviors):
    set_types(*DEFAULT, "Document")
    assert BEHAVIOR in get_behaviors("Document")
    assert "composite-view" in portal.portal_types["Document"].view_methods


def test_listing_a_type_makes_its_items_composite(document):
    set_types(*DEFAULT, "Document")
    assert ICompositeEnabled.providedBy(document)
    assert catalogued_as_composite(document)


def test_unlisting_a_type_takes_the_behavior_and_the_view_away(portal, document):
    set_types(*DEFAULT, "Document")
    set_types(*DEFAULT)
    assert not ICompositeEnabled.providedBy(document)
    assert not catalogued_as_composite(document)
    assert "composite-view" not in portal.portal_types["Document"].view_methods


def test_unlisting_a_type_gives_its_items_their_usual_view_back(document):
    set_types(*DEFAULT, "Document")
    document.setLayout("composite-view")
    set_types(*DEFAULT)
    assert document.getLayout() == "document_view"


def test_unlisting_a_type_keeps_the_arrangements(document):
    set_types(*DEFAULT, "Document")
    arrangement.set_layout(document, "two-columns")
    set_types(*DEFAULT)
    set_types(*DEFAULT, "Document")
    assert arrangement.get(document).layout == "two-columns"


def test_unlisting_the_site_root_gives_it_its_usual_view_back(portal):
    as_manager(portal)
    portal.setLayout("composite-view")
    set_types("Composite Page")
    assert not ICompositeEnabled.providedBy(portal)
    assert portal.getLayout() != "composite-view"


def test_composite_page_cannot_be_left_out(portal, get_behaviors):
    # The form and the REST panel refuse it before storing anything (see
    # test_controlpanel_settings_rest.py); a direct write raises.
    with pytest.raises(CompositePageStaysComposite):
        set_types("Plone Site", "Document")
    assert BEHAVIOR in get_behaviors("Composite Page")
    assert BEHAVIOR not in get_behaviors("Document")


def test_the_behavior_given_elsewhere_is_listed(portal):
    fti = portal.portal_types["Document"]
    fti.manage_changeProperties(behaviors=(*fti.behaviors, BEHAVIOR))
    assert stored() == [*DEFAULT, "Document"]


def test_the_behavior_taken_away_elsewhere_is_unlisted(portal):
    fti = portal.portal_types["Plone Site"]
    fti.manage_changeProperties(
        behaviors=tuple(b for b in fti.behaviors if b != BEHAVIOR)
    )
    assert stored() == ["Composite Page"]


def give_behavior_elsewhere(portal, type_name: str) -> None:
    # What Site Setup → Content Types → Behaviors does to the type.
    fti = portal.portal_types[type_name]
    fti.manage_changeProperties(behaviors=(*fti.behaviors, BEHAVIOR))


def take_behavior_elsewhere(portal, type_name: str) -> None:
    fti = portal.portal_types[type_name]
    fti.manage_changeProperties(
        behaviors=tuple(b for b in fti.behaviors if b != BEHAVIOR)
    )


def test_the_behavior_given_elsewhere_makes_the_items_composite(portal, document):
    give_behavior_elsewhere(portal, "Document")
    assert catalogued_as_composite(document)
    assert "composite-view" in portal.portal_types["Document"].view_methods


def test_the_behavior_taken_away_elsewhere_gives_the_items_their_usual_view_back(
    portal, document
):
    set_types(*DEFAULT, "Document")
    document.setLayout("composite-view")
    take_behavior_elsewhere(portal, "Document")
    assert document.getLayout() == "document_view"
    assert not catalogued_as_composite(document)
    assert "composite-view" not in portal.portal_types["Document"].view_methods


def test_the_behavior_given_back_elsewhere_gives_the_composite_view_back(
    portal, document
):
    set_types(*DEFAULT, "Document")
    document.setLayout("composite-view")
    take_behavior_elsewhere(portal, "Document")
    give_behavior_elsewhere(portal, "Document")
    assert document.getLayout() == "composite-view"


def test_a_profiles_registry_xml_applies_the_types(portal, get_behaviors):
    registry = api.portal.get_tool("portal_registry")
    RegistryImporter(registry, DummyImportContext(portal, purge=False)).importDocument(
        f"""<registry><record name="{RECORD}">
        <value purge="false"><element>Document</element></value>
        </record></registry>"""
    )
    assert stored() == [*DEFAULT, "Document"]
    assert BEHAVIOR in get_behaviors("Document")
