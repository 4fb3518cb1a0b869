"""The adapters that stand in front of others (plone.restapi's content
deserializer, the export tools' serializer and deserializer) look the other
one up as if an interface were not provided, with the same specification
object each time (``catalog.indexers.provided_without``): a new one per call
would be a new entry of the component registry's lookup cache each time,
about 1.6 kB kept for good per request or exported item."""

from collective.composite.exportimport.serializing import wrapped
from collective.composite.interfaces import ICompositeLayer
from collective.composite.services.content.deserializer import _wrapped
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from zope.component import getSiteManager
from zope.interface import alsoProvides

import pytest


LOOKUPS = {
    "content deserializer": _wrapped,
    "export serializer": lambda page, request: wrapped(page, request, ISerializeToJson),
    "export deserializer": lambda page, request: wrapped(
        page, request, IDeserializeFromJson
    ),
}


@pytest.mark.parametrize("lookup", LOOKUPS.values(), ids=LOOKUPS.keys())
def test_standing_in_front_adds_no_lookup_entries(portal, page, lookup):
    request = portal.REQUEST
    alsoProvides(request, ICompositeLayer)
    cache = getSiteManager(portal).adapters._v_lookup._required
    lookup(page, request)
    before = len(cache)
    for _ in range(3):
        lookup(page, request)
    assert len(cache) == before
