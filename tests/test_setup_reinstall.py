"""Uninstalling, then installing again: the pages, the site root's front page
and items of other composite types come back composed, with their
arrangements and their history; the settings start again from their
defaults. Unticking a type in the settings and ticking it again does the same
for its items."""

from collective.composite import arrangement
from collective.composite.arrangement import history
from page_fixtures import add
from page_fixtures import as_manager
from page_fixtures import render
from plone import api

import pytest


TYPES = "collective.composite.composite_types"
RETENTION = "collective.composite.history_retention"
ALL_TYPES = ["Composite Page", "Plone Site", "Document"]


@pytest.fixture
def composed(portal, document_fti):
    """A composite front page, a Composite Page saved twice and a composite
    Document (the type ticked in the settings), each shown composed."""
    as_manager(portal)
    api.portal.set_registry_record(TYPES, ALL_TYPES)
    api.portal.set_registry_record(RETENTION, 7)
    arrangement.set_layout(portal, "landing")
    add(portal, "text", {"text": "<p>Front words</p>"}, slot="hero")
    portal.setLayout("composite-view")
    page = api.content.create(container=portal, type="Composite Page", id="page")
    add(page, "text", {"text": "<p>Page words</p>"})
    add(page, "text", {"text": "<p>More page words</p>"})
    doc = api.content.create(container=portal, type="Document", id="doc")
    add(doc, "text", {"text": "<p>Document words</p>"})
    doc.setLayout("composite-view")
    return {"portal": portal, "page": page, "doc": doc}


@pytest.fixture
def reinstalled(composed, installer):
    """The add-on uninstalled, then installed again."""
    installer.uninstall_product("collective.composite")
    installer.install_product("collective.composite")
    return composed


def test_the_front_page_is_composed_again(reinstalled, portal):
    assert portal.getLayout() == "composite-view"
    assert "Front words" in render(portal, portal.REQUEST)


def test_a_composite_page_is_composed_again(reinstalled, portal):
    page = reinstalled["page"]
    assert page.getLayout() == "composite-view"
    assert "More page words" in render(page, portal.REQUEST)


def test_the_history_is_kept(reinstalled):
    revisions = history.get_revisions(reinstalled["page"])
    assert [revision.number for revision in revisions] == [2, 1]


def test_an_older_revision_can_be_restored(reinstalled):
    page = reinstalled["page"]
    history.restore(page, 1, arrangement.get(page).version)
    assert len(arrangement.get(page).slots["main"]) == 1


def test_the_settings_start_from_their_defaults(reinstalled):
    assert api.portal.get_registry_record(RETENTION) == 50
    assert api.portal.get_registry_record(TYPES) == ["Composite Page", "Plone Site"]


def test_an_item_of_a_type_ticked_again_is_composed_again(reinstalled, portal):
    doc = reinstalled["doc"]
    assert doc.getLayout() == "document_view"
    api.portal.set_registry_record(TYPES, ALL_TYPES)
    assert doc.getLayout() == "composite-view"
    assert "Document words" in render(doc, portal.REQUEST)


def test_a_view_chosen_meanwhile_is_kept(composed, installer, portal):
    installer.uninstall_product("collective.composite")
    portal.setLayout("summary_view")
    installer.install_product("collective.composite")
    assert portal.getLayout() == "summary_view"


def test_unticking_and_ticking_again_composes_the_items_again(composed, portal):
    doc = composed["doc"]
    api.portal.set_registry_record(TYPES, ["Composite Page"])
    assert doc.getLayout() == "document_view"
    assert portal.getLayout() != "composite-view"
    api.portal.set_registry_record(TYPES, ALL_TYPES)
    assert doc.getLayout() == "composite-view"
    assert portal.getLayout() == "composite-view"
