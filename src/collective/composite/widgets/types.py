"""Widget types: the kinds of widget a slot can hold.

A widget type is registered with the ``composite:widget`` ZCML directive (see
``collective.composite.metaconfigure``) as a named utility providing
:class:`~collective.composite.interfaces.IWidgetType`. This module holds the type
itself: its settings schema, validation and lookup. Its renderer's base class is
in ``widgets.renderer``; rendering widgets for a page is ``widgets.rendering``.
"""

from collections.abc import Mapping
from collective.composite import _
from collective.composite.exceptions import InvalidSettings
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.field_bounds import bound_reason
from collective.composite.interfaces import IWidgetType
from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.value import RichTextValue
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getUtilitiesFor
from zope.component import getUtility
from zope.component import queryUtility
from zope.i18nmessageid import Message
from zope.interface import implementer
from zope.interface.interfaces import IInterface
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IDict
from zope.schema.interfaces import IFloat
from zope.schema.interfaces import IInt
from zope.schema.interfaces import IList
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITuple
from zope.schema.interfaces import ValidationError
from zope.schema.interfaces import WrongContainedType
from zope.schema.interfaces import WrongType
from zope.security.interfaces import IPermission

import json


# Settings are stored and exchanged as JSON, so a settings schema may only use
# fields whose values are JSON-compatible once cleaned.
JSON_FIELDS = (IText, IRichText, IBool, IInt, IFloat, IChoice, IList, ITuple, IDict)


def check_schema(schema) -> None:
    """Make sure ``schema`` can describe widget settings.

    :param schema: the interface given as ``schema`` to the directive.
    :raises ValueError: naming the first attribute that is not a JSON-compatible
        zope.schema field.
    """
    if not IInterface.providedBy(schema):
        raise ValueError(f"{schema!r} is not an interface")
    fields = dict(getFieldsInOrder(schema))
    for name in schema.names(all=True):
        field = fields.get(name)
        if field is None:
            raise ValueError(
                f"{schema.__identifier__}.{name} is not a zope.schema field; "
                f"a settings schema holds fields only"
            )
        if not any(iface.providedBy(field) for iface in JSON_FIELDS):
            raise ValueError(
                f"{schema.__identifier__}.{name} is a {type(field).__name__}, whose "
                f"values cannot be stored as JSON; use text, number, boolean, "
                f"choice, list or dict fields"
            )


def untitled_fields(schema) -> list[str]:
    """The fields of a settings schema that have no title, which the settings
    form shows as their label: editors would get a box and no word of what it
    is for.

    :param schema: a settings schema that passed :func:`check_schema`.
    :returns: the names of the untitled fields, in the schema's order.
    """
    return [
        name
        for name, field in getFieldsInOrder(schema)
        if not str(field.title or "").strip()
    ]


@implementer(IWidgetType)
class WidgetType:
    """A registered kind of widget: settings schema, renderer and its templates.

    The two page templates are made once, here, compiled at start-up by the
    directive (see ``collective.composite.metaconfigure``), and rendered with a
    renderer instance as ``view``.
    """

    def __init__(
        self,
        name: str,
        title: str,
        schema,
        template: str,
        design_template: str,
        renderer,
        description: str = "",
        icon: str = "",
        permission_id: str | None = None,
    ):
        self.name = name
        self.title = title
        self.description = description
        self.icon = icon
        self.schema = schema
        self.template = template
        self.design_template = design_template
        self.renderer = renderer
        self.permission_id = permission_id
        self._template = ViewPageTemplateFile(template)
        self._design_template = ViewPageTemplateFile(design_template)

    def __repr__(self) -> str:
        return f"<WidgetType {self.name!r}>"

    @property
    def permission(self) -> str | None:
        """The Zope permission (its title) needed to add a widget of this type."""
        if self.permission_id is None:
            return None
        return getUtility(IPermission, self.permission_id).title

    def render(self, renderer, design: bool = False) -> str:
        """Render a template of this type with ``renderer`` as ``view``.

        :param renderer: an IWidgetRenderer instance for one widget.
        :param design: render the design card instead of the real template.
        :returns: HTML.
        """
        template = self._design_template if design else self._template
        return template(renderer)

    @property
    def templates(self) -> tuple[ViewPageTemplateFile, ViewPageTemplateFile]:
        """The real template and the design card (compiled at start-up)."""
        return self._template, self._design_template

    def references(self, settings: Mapping) -> list[str]:
        """:returns: the UIDs of the content items ``settings`` refer to."""
        return [uid for uid in self.renderer.references(settings) if uid]

    def clean(self, settings: Mapping, context) -> dict:
        """Validate ``settings`` against the schema, then normalise them.

        :param settings: setting name to value, as JSON gives it.
        :param context: the composite-enabled content the widget sits on.
        :returns: a new dict of JSON-compatible values, defaults filled in.
        :raises InvalidSettings: naming the unknown, missing or invalid setting.
        """
        if not isinstance(settings, Mapping):
            raise InvalidSettings(
                _(
                    "The settings of a '${type}' widget must be a mapping, not "
                    "${given}.",
                    mapping={"type": self.name, "given": type(settings).__name__},
                )
            )
        fields = getFieldsInOrder(self.schema)
        known = {name for name, _field in fields}
        for key in settings:
            if key not in known:
                raise InvalidSettings(
                    _(
                        "Unknown setting '${name}' for a '${type}' widget; known "
                        "settings: ${known}.",
                        mapping={
                            "name": key,
                            "type": self.name,
                            "known": ", ".join(sorted(known)),
                        },
                    ),
                    field=str(key),
                )
        cleaned = {}
        for name, field in fields:
            field = field.bind(context)
            value = settings.get(name)
            if value is None:
                if field.required and field.default is None:
                    raise InvalidSettings(
                        _(
                            "The setting '${name}' of a '${type}' widget is required.",
                            mapping={"name": name, "type": self.name},
                        ),
                        field=name,
                    )
                if field.default is not None:
                    cleaned[name] = _to_json(field, field.default)
                continue
            try:
                value = _from_json(field, value)
                field.validate(value)
            except ValidationError as error:
                raise InvalidSettings(
                    _(
                        "Invalid value for the setting '${name}' of a '${type}' "
                        "widget: ${reason}",
                        mapping={
                            "name": name,
                            "type": self.name,
                            "reason": _describe(error, field),
                        },
                    ),
                    field=name,
                ) from error
            cleaned[name] = _to_json(field, value)
        return dict(self.renderer.normalize(cleaned, context))


def _from_json(field, value):
    """Turn a JSON value into what ``field`` validates (tuples, rich text, floats)."""
    if IRichText.providedBy(field):
        if not isinstance(value, str):
            raise WrongType(value, str, field.__name__)
        return RichTextValue(value, "text/html", field.output_mime_type)
    if ITuple.providedBy(field) and isinstance(value, list):
        return tuple(value)
    if (
        IFloat.providedBy(field)
        and isinstance(value, int)
        and not isinstance(value, bool)
    ):
        return float(value)
    if IInt.providedBy(field) and isinstance(value, bool):
        # JSON true is not a number, although Python's bool is an int.
        raise WrongType(value, int, field.__name__)
    return value


def _to_json(field, value):
    """Turn a validated value back into plain JSON-compatible data."""
    if isinstance(value, RichTextValue):
        return value.raw
    if isinstance(value, tuple):
        return list(value)
    return value


def _describe(error: ValidationError, field=None) -> str | Message:
    """A readable reason for a zope.schema validation error, a message
    translated with the refusal it is part of (zope.schema's own reasons are
    translated in its ``zope`` domain).

    :param field: the bound field that refused the value; a choice (or a list
        of choices) names its allowed values, as "Constraint not satisfied"
        alone would not tell what to send.
    """
    choice = field if IChoice.providedBy(field) else getattr(field, "value_type", None)
    if IChoice.providedBy(choice):
        refused = error
        if isinstance(error, WrongContainedType) and error.errors:
            refused = error.errors[0]
        allowed = _allowed_values(choice)
        if isinstance(refused, ConstraintNotSatisfied) and allowed is not None:
            return _(
                "${value} is not one of the allowed values: ${allowed}.",
                mapping={"value": json.dumps(refused.args[0]), "allowed": allowed},
            )
    # zope.schema's "Value is too big" does not say what to send.
    bound = bound_reason(error)
    if bound is not None:
        return bound
    reason = error.doc()
    if isinstance(reason, Message):
        return reason
    return str(reason).rstrip(".") + "."


# Enough to show what a choice expects; longer lists end with an ellipsis.
MAX_LISTED_VALUES = 20


def _allowed_values(choice) -> str | None:
    """:returns: the values of a bound choice's vocabulary, as JSON, comma
    separated; None when its source cannot be listed."""
    try:
        values = [term.value for term in choice.vocabulary]
    except TypeError:
        return None
    listed = ", ".join(json.dumps(value) for value in values[:MAX_LISTED_VALUES])
    return listed + (", …" if len(values) > MAX_LISTED_VALUES else "")


def get_widget_type(name: str) -> IWidgetType:
    """Look up a widget type by name.

    :param name: the name given to the ``composite:widget`` directive.
    :returns: the IWidgetType.
    :raises UnknownWidgetType: when no type of that name is registered.
    """
    widget_type = queryUtility(IWidgetType, name=name) if name else None
    if widget_type is None:
        raise UnknownWidgetType(
            _("There is no widget type '${name}'.", mapping={"name": name}),
            field="type",
        )
    return widget_type


def get_widget_types() -> list[IWidgetType]:
    """:returns: every registered widget type, sorted by name."""
    return sorted(
        (widget_type for _name, widget_type in getUtilitiesFor(IWidgetType)),
        key=lambda widget_type: widget_type.name,
    )
