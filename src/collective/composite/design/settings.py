"""``@@composite-widget-settings``: the settings form of one widget.

Design mode opens it in a frame of its dialog, posting the widget's type, id and
current settings. The form is generated from the widget type's schema with
Plone's own widgets (plone.autoform hints: related items, TinyMCE, query
string) and checked with the same rules as the API (``IWidgetType.clean``). It
stores nothing: on success the page hands the cleaned settings, the widget's
title and its new card body to the editor (``editor.updateSettings``), which
saves them with the rest of the arrangement. A form larger than the site's
payload limit is refused with 413, as the services refuse such a body; a
setting out of its bounds is shown at its field with the bound
(:mod:`collective.composite.design.settings_bounds`).

The one exception to storing nothing: a type whose renderer names an
``upload_field`` (the image widget) offers to upload an image, which is stored
at once as a Plone Image (:mod:`collective.composite.design.uploads`) and chosen.
Users who may not change widgets of the type get a 403 page saying who may.

A type whose renderer names a ``decorative_field`` (the image widget's ``alt``)
gets a checkbox "Decorative image (no alternative text)" after that field: an
empty text there means something else than a left-out one (an image's empty
``alt`` marks it decorative, a left-out one stands for the image's title), and
an empty field of the form cannot say which. Ticked, the setting is stored
empty and the field is ignored; unticked, an empty field leaves it out.
"""

from collections.abc import Collection
from collective.composite import _
from collective.composite import form_fields
from collective.composite.design import uploads as images
from collective.composite.design.cards import CardRenderer
from collective.composite.design.cards import widget_title
from collective.composite.design.restrictions import restriction
from collective.composite.design.view import check_designer
from collective.composite.design.view import to_json
from collective.composite.exceptions import ImageUploadRefused
from collective.composite.exceptions import InvalidSettings
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.json_body import max_payload_bytes
from collective.composite.json_body import read_json_field
from collective.composite.json_body import too_large
from collective.composite.localized_numbers import localized
from collective.composite.localized_numbers import translated
from collective.composite.refusals import Refusal
from collective.composite.widgets.types import get_widget_type
from functools import cached_property
from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.value import RichTextValue
from plone.app.z3cform.interfaces import IQueryStringWidget
from plone.autoform.form import AutoExtensibleForm
from plone.protect.authenticator import check as check_csrf_token
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import form
from z3c.form.interfaces import ActionExecutionError
from z3c.form.interfaces import WidgetActionExecutionError
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import Invalid
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IBool
from zope.schema.interfaces import ITuple

import re


_WIDGET_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
# The request field of an image uploaded in the form.
UPLOAD = "composite.upload"
# Stands in for the UID of an uploaded image while the other settings are
# checked, before the image is stored.
PLACEHOLDER_UID = "0" * 32
# The request field of the checkbox marking an image decorative, and the one
# value it is sent with (when ticked; it is not sent otherwise).
DECORATIVE = "composite.decorative"
TICKED = "on"


class WidgetSettingsView(AutoExtensibleForm, form.Form):
    """The settings form of one widget; the schema is its type's.

    Request fields (besides the form's own): ``composite.type`` (the widget
    type's name), ``composite.id`` (the widget's id), when the form is first
    shown ``composite.settings`` (its settings as JSON), and on Apply
    ``composite.empty`` (the texts it had empty, which the form keeps) and,
    for a type with a ``decorative_field``, ``composite.decorative`` ("on"
    when the image is decorative).
    """

    template = ViewPageTemplateFile("templates/settings.pt")
    ignoreContext = False
    enable_form_tabbing = False
    # The result for the editor once Apply succeeded; "cancel" after Cancel.
    result = None
    # Why the user may not change widgets of this type ("" when they may).
    refusal = ""
    # Why an uploaded image was refused.
    upload_error = ""

    @cached_property
    def widget_type(self):
        try:
            return get_widget_type(form_fields.text(self.request, "composite.type"))
        except UnknownWidgetType as error:
            raise form_fields.refused(
                self.request, error.message, "composite.type"
            ) from None

    @cached_property
    def widget_id(self) -> str:
        widget_id = form_fields.text(self.request, "composite.id")
        if not _WIDGET_ID.match(widget_id):
            raise form_fields.refused(
                self.request, _("composite.id must be a widget id.")
            )
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
        if not self.request.form.get("composite.settings"):
            return {}
        try:
            return read_json_field(
                self.request,
                "composite.settings",
                _("The widget's settings must be a JSON object."),
            )
        except Refusal as refusal:
            raise form_fields.refused(
                self.request,
                refusal.message,
                refusal.details.get("field", ""),
                form_fields.RequestEntityTooLarge
                if refusal.status == 413
                else BadRequest,
            ) from None

    def check_size(self) -> None:
        """Refuse a form larger than the site's payload limit with a 413 naming
        the limit, as the services refuse a body: what it applies comes back
        in a save, which would be refused.

        :raises RequestEntityTooLarge: for a form over the limit.
        """
        limit = max_payload_bytes()
        if form_fields.size(self.request) > limit:
            raise form_fields.refused(
                self.request,
                too_large(limit).message,
                error=form_fields.RequestEntityTooLarge,
            )

    @cached_property
    def empty_settings(self) -> list[str]:
        """The names of the texts the widget had empty: from its settings when
        the form is first shown, then from the form's ``composite.empty`` (a
        comma-separated list), which carries them to Apply."""
        if "composite.empty" not in self.request.form:
            return sorted(k for k, v in self.initial_settings.items() if v == "")
        names = form_fields.text(self.request, "composite.empty")
        return [name for name in names.split(",") if name]

    @property
    def kept_empty(self) -> list[str]:
        """The texts the form carries to Apply as empty (``composite.empty``):
        those the widget had empty, except the one its decorative checkbox
        carries, which the editor may untick."""
        return [name for name in self.empty_settings if name != self.decorative_field]

    # --- a decorative image ------------------------------------------------------

    @property
    def decorative_field(self) -> str:
        """The text whose empty value marks the widget decorative (the image
        widget's ``alt``), "" for types without."""
        return getattr(self.widget_type.renderer, "decorative_field", "")

    def decorative_after(self, widget) -> bool:
        """:returns: whether the decorative checkbox goes right after ``widget``."""
        name = self.decorative_field
        return bool(name) and widget.field.__name__ == name

    @cached_property
    def decorative_ticked(self) -> bool:
        """Whether ``composite.decorative`` was sent ticked.

        :raises BadRequest: for anything but "on" (or nothing): a value sent
            twice, a list, a record, a number, a file or another text.
        """
        value = form_fields.text(self.request, DECORATIVE)
        if value not in ("", TICKED):
            raise form_fields.refused(
                self.request,
                _("It is a checkbox, sent as on when ticked and not at all otherwise."),
                DECORATIVE,
            )
        return value == TICKED

    @property
    def decorative(self) -> bool:
        """Whether the widget is decorative: its checkbox is ticked, or it had
        its decorative field empty (when the form is first shown, and for a
        request naming the field in ``composite.empty``)."""
        name = self.decorative_field
        return bool(name) and (self.decorative_ticked or name in self.empty_settings)

    def getContent(self) -> dict:
        """The widget's settings as the fields' values (the form edits a dict)."""
        return from_settings(self.schema, self.initial_settings)

    def updateWidgets(self, prefix: str | None = None) -> None:
        form_fields.check_no_records(self)
        super().updateWidgets(prefix)
        for widget in self.widgets.values():
            if IQueryStringWidget.providedBy(widget):
                # Plone's query builder takes its URLs and paths from the
                # widget's context, which is content on Plone's own forms but
                # the settings dict here.
                widget.context = self.context
            if IBool.providedBy(widget.field):
                # Unchecked is a valid answer: a required checkbox would have
                # the browser refuse to apply until it is checked.
                widget.required = False
            if self.decorative_after(widget):
                # The schema's description speaks of the API, where an empty
                # text marks the image decorative; here the checkbox does.
                widget.description = _(
                    "What the image shows, for people who cannot see it. "
                    "When left empty, the image's title is used."
                )
        form_fields.check_widget_values(self)

    def __call__(self) -> str:
        check_designer(self.context)
        self.check_size()
        # A frame of its own: Plone's resources, no toolbar, header or footer.
        self.request.set("ajax_load", "1")
        self.request.set("ajax_include_head", "1")
        self.request.set("disable_border", True)
        self.request.response.setHeader("Cache-Control", "no-store")
        self.widget_type, self.widget_id, self.decorative_ticked  # noqa: B018 -- 400 before rendering
        self.refusal = restriction(self.widget_type, self.context, self.request)
        if self.refusal:
            # As the API: a type with an add permission needs it to be changed.
            # The frame says so in words, not with Plone's error page.
            self.request.response.setStatus(403)
            return self.template()
        self.update()
        return self.render()

    # --- uploading an image ----------------------------------------------------

    @property
    def upload_field(self) -> str:
        """The setting an uploaded image fills, "" for types without upload."""
        return getattr(self.widget_type.renderer, "upload_field", "")

    def upload_after(self, widget) -> bool:
        """:returns: whether the upload field goes right after ``widget``."""
        return bool(self.upload_field) and widget.field.__name__ == self.upload_field

    @cached_property
    def upload_folder_title(self) -> str:
        try:
            folder = images.upload_folder(self.context)
        except ImageUploadRefused:
            return ""
        return folder.Title() or folder.getId()

    def uploaded_file(self):
        """:returns: the file posted as ``composite.upload``, None without one."""
        upload = self.request.form.get(UPLOAD)
        if not self.upload_field or not getattr(upload, "filename", None):
            return None
        return upload

    def store_upload(self, upload, settings: dict) -> dict | None:
        """Store the uploaded image and refer to it in ``settings``.

        :returns: the settings with the new image's UID; None when the upload
            was refused (the reason is shown at the upload field).
        """
        check_csrf_token(self.request)
        try:
            image = images.add_image(self.context, upload.read(), upload.filename)
        except ImageUploadRefused as error:
            self.upload_error = translated(error.message, self.request)
            self.status = self.formErrorsMessage
            self.request.response.setStatus(error.status)
            return None
        return {**settings, self.upload_field: image.UID()}

    @button.buttonAndHandler(_("Apply"), name="apply")
    def handle_apply(self, action) -> None:
        upload = self.uploaded_file()
        data, errors = self.extractData()
        if upload is not None:
            # The upload stands in for a chosen image.
            errors = self.forget_error(errors, self.upload_field)
        if errors:
            self.status = self.formErrorsMessage
            return
        settings = to_settings(data, self.empty_settings)
        if self.decorative:
            # Ticked: decorative, whatever the field holds.
            settings[self.decorative_field] = ""
        if upload is not None:
            # Everything else is checked before the image is stored, so a
            # refused form never leaves an image behind.
            self.clean({**settings, self.upload_field: PLACEHOLDER_UID})
            settings = self.store_upload(upload, settings)
            if settings is None:
                return
        self.result = self.editor_result(self.clean(settings))

    def clean(self, settings: dict) -> dict:
        """The type's own checks, as the API makes them; a refusal is shown at
        its field (or above the form).

        :raises ActionExecutionError: for refused settings.
        """
        try:
            return self.widget_type.clean(settings, self.context)
        except InvalidSettings as error:
            # The form translates the message; its numbers are written here.
            message = localized(error.message, self.request)
            if error.field in self.widgets:
                raise WidgetActionExecutionError(
                    error.field, Invalid(message)
                ) from None
            raise ActionExecutionError(Invalid(message)) from None

    def forget_error(self, errors, name: str) -> tuple:
        """``errors`` without the error of the field ``name``, which is unmarked."""
        widget = self.widgets.get(name)
        if widget is not None:
            widget.error = None
        return tuple(error for error in errors if error.widget is not widget)

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
    """Widget settings (JSON values) as the values of the schema's fields.

    A value not of its field's type (the editor sends what it holds, which may
    be anything) is left out, so the form shows the field's default instead of
    failing to draw it; applying the form then stores a valid value.
    """
    values = {}
    for name, field in getFieldsInOrder(schema):
        value = settings.get(name)
        if value is None:
            continue
        if IRichText.providedBy(field) and isinstance(value, str):
            value = RichTextValue(value, "text/html", field.output_mime_type)
        elif ITuple.providedBy(field) and isinstance(value, list):
            value = tuple(value)
        if _of_type(field, value):
            values[name] = value
    return values


def _of_type(field, value) -> bool:
    # bool is an int in Python, not in the form's number fields.
    expected = RichTextValue if IRichText.providedBy(field) else field._type
    if expected is not None and (
        not isinstance(value, expected)
        or (isinstance(value, bool) and not IBool.providedBy(field))
    ):
        return False
    item_type = getattr(getattr(field, "value_type", None), "_type", None)
    return item_type is None or all(isinstance(item, item_type) for item in value)


def to_settings(data: dict, empty: Collection[str] = ()) -> dict:
    """The form's values as widget settings (JSON values); empty ones left out,
    so the type's defaults apply, except a text the widget had empty already:
    an empty text may mean something a left-out one does not (an image's
    empty ``alt`` says it is decorative, a left-out one stands for the
    image's title), and the form shows both as an empty field.

    :param data: the form's extracted values.
    :param empty: the names of the texts the widget had empty.
    :returns: the settings.
    """
    settings = {}
    for name, value in data.items():
        if isinstance(value, RichTextValue):
            value = value.raw
        elif isinstance(value, tuple | set | frozenset):
            value = list(value)
        if value is None or value == "":
            if name in empty:
                settings[name] = ""
            continue
        settings[name] = value
    return settings
