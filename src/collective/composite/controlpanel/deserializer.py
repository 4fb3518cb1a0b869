"""``PATCH @controlpanels/composite``: plone.restapi's deserializer of control
panels, after a check of the JSON shape of each setting.

plone.restapi's field deserializers expect the JSON type a field serializes
to, and its service a JSON object; anything else (an object where a list of
types goes, a list in a list) ends in a ``TypeError`` and a 500. Here a value
of the wrong shape, and a setting the panel does not have (which plone.restapi
would ignore), are refused first, with a 400 naming the setting, and nothing
is stored. Strings for numbers stay accepted (``"7"``), as
plone.restapi converts them; a yes/no setting takes only ``true`` or
``false``, since plone.restapi would read any string but ``"true"`` and
``"on"`` as false.
"""

from collective.composite import _
from collective.composite.controlpanel.bounds import bound_message
from collective.composite.interfaces import ICompositeSettings
from collective.composite.localized_numbers import translated
from plone.restapi.controlpanels import IControlpanel
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.controlpanels import ControlpanelDeserializeFromJson
from plone.restapi.exceptions import DeserializationError
from plone.restapi.interfaces import IDeserializeFromJson
from zExceptions import BadRequest
from zope.component import adapter
from zope.interface import implementer
from zope.schema import getFields
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IInt
from zope.schema.interfaces import IList
from zope.schema.interfaces import ITextLine
from zope.schema.interfaces import TooBig
from zope.schema.interfaces import TooSmall


class ICompositeControlpanel(IControlpanel):
    """Marker of ``@controlpanels/composite``."""


def _is_token(item) -> bool:
    if isinstance(item, dict):
        item = item.get("token")
    return isinstance(item, str)


def fits(field, value) -> bool:
    """:returns: whether ``value`` has the JSON shape ``field`` takes."""
    if IBool.providedBy(field):
        return isinstance(value, bool)
    if IInt.providedBy(field):
        return isinstance(value, str) or (
            isinstance(value, int) and not isinstance(value, bool)
        )
    if ITextLine.providedBy(field):
        return value is None or isinstance(value, str)
    if IList.providedBy(field):
        return isinstance(value, list) and all(_is_token(item) for item in value)
    return True


@implementer(IDeserializeFromJson)
@adapter(ICompositeControlpanel)
class CompositeSettingsDeserializer(ControlpanelDeserializeFromJson):
    """Refuse a body that is not an object of well-shaped settings, then
    deserialize as plone.restapi does."""

    def __call__(self, mask_validation_errors: bool = True) -> None:
        """Store the settings the body gives.

        :raises BadRequest: (400) a body that is not a JSON object, or a
            setting whose value has the wrong shape, named in the error; or
            plone.restapi's refusals of values out of range.
        """
        try:
            data = json_body(self.request)
        except DeserializationError:
            # Not JSON, or JSON but not an object: plone.restapi's service
            # would answer 500.
            data = None
        if not isinstance(data, dict):
            raise BadRequest(
                translated(
                    _("The body must be a JSON object of settings."), self.request
                )
            )
        fields = getFields(ICompositeSettings)
        # plone.restapi would ignore them: a misspelt setting would be
        # answered 204, and nothing changed.
        unknown = [
            _error(
                name,
                _("Unknown setting '${field}'.", mapping={"field": name}),
                self.request,
            )
            for name in sorted(data)
            if name not in fields
        ]
        errors = unknown or [
            _error(
                name,
                _("${field}: wrong type of value.", mapping={"field": name}),
                self.request,
            )
            for name, field in fields.items()
            if name in data and not fits(field, data[name])
        ]
        errors = errors or out_of_range(data, fields, self.request)
        if errors:
            raise BadRequest(errors)
        super().__call__(mask_validation_errors=mask_validation_errors)


def out_of_range(data: dict, fields: dict, request) -> list[dict]:
    """The errors of the numbers ``data`` sends below or above their
    setting's bounds, saying the bound (plone.restapi would say "Value is too
    small", naming neither).

    :param data: the body, settings of the right shape (see :func:`fits`).
    :param fields: the settings' fields, by name.
    :param request: the request, whose language the messages are in.
    :returns: plone.restapi's descriptions of the errors, none when in range.
    """
    errors = []
    for name, field in fields.items():
        if name not in data or not IInt.providedBy(field):
            continue
        try:
            # As plone.restapi reads a number sent as text.
            value = int(data[name])
        except (TypeError, ValueError):
            continue  # plone.restapi refuses it, naming it
        try:
            field.validate(value)
        except (TooSmall, TooBig) as error:
            reason = translated(bound_message(error, name), request)
            errors.append(_error(name, f"{name}: {reason}", request))
    return errors


def _error(name: str, message: str, request) -> dict:
    """:returns: plone.restapi's description of an error of the setting
    ``name``."""
    return {
        "field": name,
        "error": "ValidationError",
        "message": translated(message, request),
    }
