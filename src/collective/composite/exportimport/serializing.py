"""plone.restapi's content serializer and deserializer, wrapped to carry the
arrangement while an export or import tool runs.

The ZCML registers both wrappers for a tool's request marker, so they apply to
that tool's runs only: for composite-enabled content, and for the content
interfaces plone.restapi registers its own for (so that items which are not
composite now, but hold an arrangement or a composite view put aside, are
wrapped too: see :mod:`.put_aside`). Each calls the adapter it stands in front
of, the one the content would get outside the tool's run (plone.restapi's
own, or a more specific one of another add-on), and adds the arrangement to
what it gives or takes.
"""

from collective.composite.catalog.indexers import provided_without
from collective.composite.exportimport.arrangements import exported
from collective.composite.exportimport.arrangements import imported
from collective.composite.exportimport.arrangements import MEMBER
from collective.composite.exportimport.arrangements import versioned
from collective.composite.exportimport.put_aside import exported_aside
from collective.composite.exportimport.put_aside import imported_aside
from collective.composite.interfaces import ICompositeEnabled
from contextlib import suppress
from functools import cache
from plone.restapi.deserializer import json_body
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from zope.component import getSiteManager
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import providedBy
from zope.interface.interfaces import IInterface


@cache
def tool_markers() -> tuple[IInterface, ...]:
    """:returns: the request markers of the export and import tools that are
    installed, those the ZCML registers the wrappers for."""
    markers = []
    with suppress(ImportError):
        from plone.exportimport.interfaces import IExportImportRequestMarker

        markers.append(IExportImportRequestMarker)
    with suppress(ImportError):
        from collective.exportimport.interfaces import IMigrationMarker
        from collective.exportimport.interfaces import IRawRichTextMarker

        markers.extend((IMigrationMarker, IRawRichTextMarker))
    return tuple(markers)


def wrapped(context, request, interface: type[Interface]):
    """The adapter ``interface`` of ``(context, request)`` that the wrappers
    stand in front of: the one ``context`` would get outside a tool's run
    (the request without the tools' markers, which the wrappers are
    registered for) were it not composite-enabled (which the add-on's own
    content deserializer, one that may stand in front of these, is
    registered for).

    :param context: content, or the site root.
    :param request: the request.
    :param interface: ``ISerializeToJson`` or ``IDeserializeFromJson``.
    :returns: the adapter.
    :raises LookupError: when there is none.
    """
    spec = providedBy(request)
    for marker in tool_markers():
        spec = provided_without(spec, marker)
    factory = getSiteManager().adapters.lookup(
        (provided_without(providedBy(context), ICompositeEnabled), spec), interface
    )
    if factory is None:
        raise LookupError(f"No {interface.__name__} for {context!r}")
    return factory(context, request)


@implementer(ISerializeToJson)
class ArrangementSerializer:
    """Serialize content as plone.restapi does, with the arrangement (of the
    version asked for) of composite-enabled content under
    :data:`~collective.composite.exportimport.arrangements.MEMBER`; or, for
    content not composite now, what it keeps for when it is again (see
    :func:`~collective.composite.exportimport.put_aside.exported_aside`)."""

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
        elif obj is self.context:
            data.update(exported_aside(obj))
        return data


@implementer(IDeserializeFromJson)
class ArrangementDeserializer:
    """Deserialize content as plone.restapi does, then save the arrangement
    its data holds under
    :data:`~collective.composite.exportimport.arrangements.MEMBER`, if any,
    on composite-enabled content; keep it, and the composite view put aside,
    on content not composite here (see
    :func:`~collective.composite.exportimport.put_aside.imported_aside`)."""

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
        if not isinstance(data, dict):
            return result
        if MEMBER in data and ICompositeEnabled.providedBy(self.context):
            imported(self.context, data[MEMBER])
        imported_aside(self.context, data)
        return result
