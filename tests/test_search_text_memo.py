"""One save works out the page's text and references once: the check whether
they changed and the two indexers share it for the rest of the transaction,
until anything changes."""

from collective.composite.catalog import indexers
from page_fixtures import add
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
from zope.traversing.interfaces import BeforeTraverseEvent

import pytest


@pytest.fixture
def computed(page, monkeypatch) -> list:
    """Every time the page's text and references are worked out, once the
    page's creation is indexed."""
    process_queue()
    calls = []
    original = indexers._indexed

    def counted(obj, text=True):
        calls.append(text)
        return original(obj, text)

    monkeypatch.setattr(indexers, "_indexed", counted)
    return calls


def process_queue():
    api.portal.get_tool("portal_catalog")(portal_type="nothing")


def test_a_save_works_out_the_text_and_references_once(page, computed):
    add(page, "text", {"text": "<p>Silent atrium</p>"})
    process_queue()
    assert computed == [True]


def test_the_indexers_work_them_out_again_after_another_save(page, computed):
    add(page, "text", {"text": "<p>Silent atrium</p>"})
    add(page, "text", {"text": "<p>Loud foyer</p>"})
    process_queue()
    assert len(computed) == 2
    assert "foyer" in indexers.searchable_text(page)()


def test_an_object_event_forgets_them(page, computed):
    add(page, "text", {"text": "<p>Silent atrium</p>"})
    page.title = "Renamed hall"
    notify(ObjectModifiedEvent(page))
    assert "Renamed" in indexers.searchable_text(page)()
    assert len(computed) == 2


def test_traversal_keeps_them(page, computed):
    add(page, "text", {"text": "<p>Silent atrium</p>"})
    notify(BeforeTraverseEvent(page, page.REQUEST))
    assert "atrium" in indexers.searchable_text(page)()
    assert len(computed) == 1


def test_a_save_that_changes_words_leaves_the_metadata_alone(page, monkeypatch):
    process_queue()
    catalog = api.portal.get_tool("portal_catalog")._catalog
    updated = []
    original = catalog.updateMetadata

    def counted(*args, **kwargs):
        updated.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(catalog, "updateMetadata", counted)
    add(page, "text", {"text": "<p>Silent atrium</p>"})
    process_queue()
    assert updated == []
    assert api.portal.get_tool("portal_catalog")(SearchableText="atrium")
