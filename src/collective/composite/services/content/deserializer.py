"""The content deserializer of composite pages: plone.restapi's, or the one
of another add-on, refusing a body that holds the arrangement.

The arrangement is no field of the content, so plone.restapi would drop a
``composite`` member of a content ``POST`` or ``PATCH`` without a word, and a
script would believe its page arranged; and it would take the name of an
arrangement's layout in ``layout`` (the content's display view, a name the
arrangement's ``layout`` shares) and make it the page's view, which is no
page. Both are refused instead, as plone.restapi refuses an invalid field
(``400 BadRequest`` naming it), before anything is set: the item is not
created, the page not changed. The arrangement is changed with
``PATCH @composite``. ``@components``, the read-only part of what the
content ``GET`` gives, is ignored as plone.restapi ignores it, so a client
may send back what it read.
"""

from Acquisition import aq_base
from collective.composite import _
from collective.composite.catalog.indexers import provided_without
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ICompositeLayer
from collective.composite.layouts.registry import get_layouts
from collective.composite.localized_numbers import translated
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.interfaces import IDeserializeFromJson
from zExceptions import BadRequest
from zope.component import adapter
from zope.component import getSiteManager
from zope.interface import implementer
from zope.interface import providedBy


#: The member of a content body a client would send the arrangement in: the
#: name of the page's component (``@components.composite``).
MEMBER = "composite"


@implementer(IDeserializeFromJson)
@adapter(ICompositeEnabled, ICompositeLayer)
class ArrangementRefusingDeserializer:
    """Deserialize a composite page as the deserializer it stands in front
    of, unless the body holds :data:`MEMBER`."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, *args, **kwargs):
        """Refuse a body with an arrangement, else deserialize.

        :param args: passed on to the deserializer stood in front of.
        :param kwargs: passed on too; ``data`` is the item, else the body.
        :returns: what that deserializer returns.
        :raises BadRequest: naming :data:`MEMBER`, when the data holds it.
        """
        data = kwargs.get("data")
        if data is None:
            try:
                data = json_body(self.request)
            except DeserializationError:
                # Not JSON: the deserializer refuses it in its own words.
                data = None
        errors = _refusals(self.context, self.request, data)
        if errors:
            raise BadRequest(errors)
        return _wrapped(self.context, self.request)(*args, **kwargs)


def _refusals(context, request, data) -> list[dict]:
    """What the body holds of the arrangement: :data:`MEMBER`, or in the
    content's ``layout`` (its display view) the name of an arrangement's
    layout, which as the page's view would show a 404 in its place.

    :param data: the body, or the data of the item to add.
    :returns: an error for each, in the shape of plone.restapi's refusal of
        an invalid field, in the request's language.
    """
    if not isinstance(data, dict):
        return []
    errors = []
    if MEMBER in data:
        message = _(
            "The arrangement is not part of the content: once the page exists, "
            "change it with PATCH @composite."
        )
        errors.append(_error(request, MEMBER, message))
    layout = data.get("layout")
    if isinstance(layout, str) and _names_an_arrangement_layout(
        context, request, layout
    ):
        message = _(
            "'${name}' is a layout of the arrangement, not a view of the page: "
            "change the arrangement's layout with PATCH @composite.",
            mapping={"name": layout},
        )
        errors.append(_error(request, "layout", message))
    return errors


def _names_an_arrangement_layout(context, request, name: str) -> bool:
    """:returns: whether ``name`` is a layout of the page's arrangement and
    none of the views it may be shown with."""
    available = getattr(aq_base(context), "getAvailableLayouts", None)
    if available is not None and name in dict(context.getAvailableLayouts()):
        return False
    return any(layout.name == name for layout in get_layouts(context, request))


def _error(request, field: str, message) -> dict:
    return {
        "message": translated(message, request),
        "field": field,
        "error": "ValidationError",
    }


def _wrapped(context, request) -> object:
    """The deserializer ``(context, request)`` would get without this one:
    plone.restapi's, another add-on's, or the export tools' wrapper while one
    runs (see ``exportimport.serializing``).

    :returns: the deserializer.
    :raises LookupError: when there is none.
    """
    factory = getSiteManager().adapters.lookup(
        (providedBy(context), provided_without(providedBy(request), ICompositeLayer)),
        IDeserializeFromJson,
    )
    if factory is None:
        raise LookupError(f"No IDeserializeFromJson for {context!r}")
    return factory(context, request)
