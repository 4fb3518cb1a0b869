"""``@@composite-widget-settings``: the settings form of one widget.

Design mode opens it in a frame of its dialog, posting the widget's type, id and
current settings. The form is generated from the widget type's schema with
Plone's own widgets (plone.autoform hints: related items, TinyMCE, query
string) and checked with the same rules as the API (``IWidgetType.clean``). It
stores nothing: on success the page hands the cleaned settings, the widget's
title and its new card body to the editor (``editor.updateSettings``), which
saves them with the rest of the arrangement.
"""

from AccessControl import getSecurityManager
from collective.composite import _
from collective.composite.browser.design import CardRenderer
from collective.composite.browser.design import check_designer
from collective.composite.browser.design import to_json
from collective.composite.browser.design import widget_title
from collective.composite.exceptions import InvalidSettings
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.widgettypes import get_widget_type
from functools import cached_property
from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.value import RichTextValue
from plone.autoform.form import AutoExtensibleForm
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import form
from z3c.form.interfaces import ActionExecutionError
from z3c.form.interfaces import WidgetActionExecutionError
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
from zope.interface import Invalid
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ITuple

import json
import re


_WIDGET_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")


class WidgetSettingsView(AutoExtensibleForm, form.Form):
    """The settings form of one widget; the schema is its type's.

    Request fields (besides the form's own): ``composite.type`` (the widget
    type's name), ``composite.id`` (the widget's id) and, when the form is
    first shown, ``composite.settings`` (its settings as JSON).
    """

    template = ViewPageTemplateFile("templates/settings.pt")
    ignoreContext = False
    enable_form_tabbing = False
    # The result for the editor once Apply succeeded; "cancel" after Cancel.
    result = None

    @cached_property
    def widget_type(self):
        try:
            return get_widget_type(self.request.form.get("composite.type") or "")
        except UnknownWidgetType as error:
            raise BadRequest(str(error)) from None

    @cached_property
    def widget_id(self) -> str:
        widget_id = self.request.form.get("composite.id") or ""
        if not _WIDGET_ID.match(widget_id):
            raise BadRequest("composite.id must be a widget id.")
        return widget_id

    @property
    def schema(self):
        return self.widget_type.schema

    @property
    def label(self) -> str:
        type_title = translate(self.widget_type.title, context=self.request)
        return translate(
            _("Settings of the ${type} widget", mapping={"type": type_title}),
            context=self.request,
        )

    @cached_property
    def initial_settings(self) -> dict:
        try:
            settings = json.loads(self.request.form.get("composite.settings") or "{}")
        except ValueError:
            raise BadRequest("composite.settings must be JSON.") from None
        if not isinstance(settings, dict):
            raise BadRequest("composite.settings must be a JSON object.")
        return settings

    def getContent(self) -> dict:
        """The widget's settings as the fields' values (the form edits a dict)."""
        return from_settings(self.schema, self.initial_settings)

    def __call__(self) -> str:
        check_designer(self.context)
        # A frame of its own: Plone's resources, no toolbar, header or footer.
        self.request.set("ajax_load", "1")
        self.request.set("ajax_include_head", "1")
        self.request.set("disable_border", True)
        self.request.response.setHeader("Cache-Control", "no-store")
        self.widget_type, self.widget_id  # noqa: B018 -- 400 before rendering
        permission = self.widget_type.permission
        if permission and not getSecurityManager().checkPermission(
            permission, self.context
        ):
            # As the API: a type with an add permission needs it to be changed.
            raise Forbidden(f"You may not change {self.widget_type.name!r} widgets.")
        self.update()
        return self.render()

    @button.buttonAndHandler(_("Apply"), name="apply")
    def handle_apply(self, action) -> None:
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        try:
            settings = self.widget_type.clean(to_settings(data), self.context)
        except InvalidSettings as error:
            if error.field in self.widgets:
                raise WidgetActionExecutionError(
                    error.field, Invalid(error.message)
                ) from None
            raise ActionExecutionError(Invalid(error.message)) from None
        self.result = self.editor_result(settings)

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handle_cancel(self, action) -> None:
        self.result = {"id": self.widget_id, "cancel": True}

    def editor_result(self, settings: dict) -> dict:
        """What the editor's ``updateSettings`` takes: the cleaned settings, the
        widget's title and its card body rendered from them."""
        widget = SettingsWidget(self.widget_id, self.widget_type.name, settings)
        cards = CardRenderer(self)
        cards.prefetch([widget])
        return {
            "id": self.widget_id,
            "settings": settings,
            "title": widget_title(widget, self.context, self.request),
            "html": cards.body(widget),
        }

    def result_json(self) -> str:
        return to_json(self.result)


class SettingsWidget:
    """A widget that is not stored (yet): what the card renderers need."""

    def __init__(self, widget_id: str, type_name: str, settings: dict):
        self.id = widget_id
        self.type = type_name
        self.settings = settings
        self.slot = ""


def from_settings(schema, settings: dict) -> dict:
    """Widget settings (JSON values) as the values of the schema's fields."""
    values = {}
    for name, field in getFieldsInOrder(schema):
        value = settings.get(name)
        if value is None:
            continue
        if IRichText.providedBy(field) and isinstance(value, str):
            value = RichTextValue(value, "text/html", field.output_mime_type)
        elif ITuple.providedBy(field) and isinstance(value, list):
            value = tuple(value)
        values[name] = value
    return values


def to_settings(data: dict) -> dict:
    """The form's values as widget settings (JSON values); empty ones left out,
    so the type's defaults apply."""
    settings = {}
    for name, value in data.items():
        if isinstance(value, RichTextValue):
            value = value.raw
        elif isinstance(value, tuple | set | frozenset):
            value = list(value)
        if value is None or value == "":
            continue
        settings[name] = value
    return settings
