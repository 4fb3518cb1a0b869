"""plone.restapi's content serializer and deserializer, wrapped to carry the
arrangement while an export or import tool runs.

The ZCML registers both wrappers for composite-enabled content and a tool's
request marker, so they apply to that tool's runs only. Each calls the adapter
it stands in front of, the one the content would get without the behavior
(plone.restapi's own, or a more specific one of another add-on), and adds the
arrangement to what it gives or takes.
"""

from collective.composite.catalog.indexers import provided_without
from collective.composite.exportimport.arrangements import exported
from collective.composite.exportimport.arrangements import imported
from collective.composite.exportimport.arrangements import MEMBER
from collective.composite.exportimport.arrangements import versioned
from collective.composite.interfaces import ICompositeEnabled
from plone.restapi.deserializer import json_body
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from zope.component import getSiteManager
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import providedBy


def wrapped(context, request, interface: type[Interface]):
    """The adapter ``interface`` of ``(context, request)`` that the wrappers
    stand in front of: the one ``context`` would get were it not
    composite-enabled.

    :param context: composite-enabled content.
    :param request: the request.
    :param interface: ``ISerializeToJson`` or ``IDeserializeFromJson``.
    :returns: the adapter.
    :raises LookupError: when there is none.
    """
    factory = getSiteManager().adapters.lookup(
        (provided_without(providedBy(context), ICompositeEnabled), providedBy(request)),
        interface,
    )
    if factory is None:
        raise LookupError(f"No {interface.__name__} for {context!r}")
    return factory(context, request)


@implementer(ISerializeToJson)
class ArrangementSerializer:
    """Serialize composite-enabled content as plone.restapi does, with its
    arrangement (of the version asked for) under
    :data:`~collective.composite.exportimport.arrangements.MEMBER`."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, *args, **kwargs) -> dict:
        """Serialize, then add the arrangement.

        :param args: passed on to the wrapped serializer.
        :param kwargs: passed on too; ``version`` chooses a content version.
        :returns: the wrapped serializer's data, with the arrangement.
        """
        data = wrapped(self.context, self.request, ISerializeToJson)(*args, **kwargs)
        # The site root's serializer gives nothing for an old version.
        if not data:
            return data
        version = kwargs.get("version", args[0] if args else None)
        obj = versioned(self.context, version)
        if ICompositeEnabled.providedBy(obj):
            data[MEMBER] = exported(obj)
        return data


@implementer(IDeserializeFromJson)
class ArrangementDeserializer:
    """Deserialize composite-enabled content as plone.restapi does, then save
    the arrangement its data holds under
    :data:`~collective.composite.exportimport.arrangements.MEMBER`, if any."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, *args, **kwargs):
        """Deserialize, then save the arrangement of the data, if any.

        :param args: passed on to the wrapped deserializer.
        :param kwargs: passed on too; ``data`` is the item, else the body.
        :returns: what the wrapped deserializer returns.
        """
        deserializer = wrapped(self.context, self.request, IDeserializeFromJson)
        result = deserializer(*args, **kwargs)
        # The data comes as an argument, or as the body (the site root's
        # deserializer takes no data argument).
        data = kwargs.get("data", args[1] if len(args) > 1 else None)
        if data is None:
            data = json_body(self.request)
        if isinstance(data, dict) and MEMBER in data:
            imported(self.context, data[MEMBER])
        return result
