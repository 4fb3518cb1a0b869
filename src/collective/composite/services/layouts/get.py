"""``GET @composite-layouts``: what a page can be arranged with."""

from AccessControl import getSecurityManager
from collective.composite import arrangement
from collective.composite.layouts.previews import preview_url
from collective.composite.layouts.registry import get_layouts
from collective.composite.services.base import CompositeService
from collective.composite.widgets.types import get_widget_types
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.types.utils import get_fieldset_infos
from plone.restapi.types.utils import get_fieldsets
from plone.restapi.types.utils import get_jsonschema_properties
from plone.restapi.types.utils import iter_fields
from zope.i18n import translate


class LayoutsGet(CompositeService):
    """Answer ``GET @composite-layouts``; needs View.

    Lists the layouts available on the page, and the widget types the current
    user may add there (none without the design permission), each with its
    settings schema as JSON Schema.
    """

    def answer(self) -> dict:
        return {
            "@id": f"{self.context.absolute_url()}/@composite-layouts",
            "layouts": [
                self.layout_data(layout)
                for layout in get_layouts(self.context, self.request)
            ],
            "widget_types": [
                self.widget_type_data(widget_type)
                for widget_type in get_widget_types()
                if self.may_add(widget_type)
            ],
        }

    def translate(self, text: str | None) -> str:
        return translate(text, context=self.request) if text else ""

    def layout_data(self, layout) -> dict:
        return {
            "name": layout.name,
            "title": self.translate(layout.title),
            "description": self.translate(layout.description),
            "preview": preview_url(layout, self.context),
            "slots": [
                {
                    "name": slot.name,
                    "title": self.translate(slot.title),
                    "allowed": list(slot.allowed) if slot.allowed is not None else None,
                    "max": slot.max,
                }
                for slot in layout.slots
            ],
        }

    def may_add(self, widget_type) -> bool:
        """:returns: whether the user may add a widget of ``widget_type`` to
        the page now: designing it (see
        :func:`~collective.composite.arrangement.may_design`) and, for a type
        registered with one, its permission."""
        if not arrangement.may_design(self.context):
            return False
        permission = widget_type.permission
        return not permission or bool(
            getSecurityManager().checkPermission(permission, self.context)
        )

    def widget_type_data(self, widget_type) -> dict:
        return {
            "name": widget_type.name,
            "title": self.translate(widget_type.title),
            "description": self.translate(widget_type.description),
            "icon": widget_type.icon,
            "schema": self.settings_schema(widget_type),
        }

    def settings_schema(self, widget_type) -> dict:
        """:returns: the JSON Schema of a widget type's settings, as ``@types``
        gives it for content types (plone.restapi's field serializers)."""
        fieldsets = get_fieldsets(self.context, self.request, widget_type.schema)
        properties = get_jsonschema_properties(self.context, self.request, fieldsets)
        for field_schema in properties.values():
            for schema in (field_schema, field_schema.get("items", {})):
                _drop_sources_link(schema)
        return {
            "type": "object",
            "title": self.translate(widget_type.title),
            "properties": json_compatible(properties),
            "required": [
                field.field.getName()
                for field in iter_fields(fieldsets)
                if field.field.required
            ],
            "fieldsets": get_fieldset_infos(fieldsets),
        }


def _drop_sources_link(schema: dict) -> None:
    # plone.restapi links a choice's own vocabulary to the content's @sources,
    # which knows the content's fields only; "enum" lists the terms already.
    vocabulary = schema.get("vocabulary")
    if isinstance(vocabulary, dict) and "/@sources/" in vocabulary.get("@id", ""):
        del schema["vocabulary"]
