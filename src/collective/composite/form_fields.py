"""One value per form field: how the add-on's pages read their request.

Zope's publisher makes a list of a field sent twice (``a=1&a=2``) or named
with ``:list``, a record of one named with ``:record``, and a number of one
named with ``:int``. Code reading such a field as text fails on them with a
server error: the pages' own fields (``composite.id``), and the fields of
their z3c.form forms, whose converters and templates expect what the widget
sent. :func:`text` reads a page's own field; :func:`check_no_records` and
:func:`check_widget_values` check a form's fields before its widgets read
them and before they are extracted. They refuse a field holding
what it cannot with a 400 naming it (:func:`refused`, which any refusal of a
page's input goes through, so that the error page says why).
"""

from collective.composite import _
from collective.composite.localized_numbers import translated
from Products.statusmessages.interfaces import IStatusMessage
from z3c.form.interfaces import IFileWidget
from z3c.form.interfaces import ISequenceWidget
from zExceptions import BadRequest
from zExceptions import HTTPException
from zExceptions import HTTPRequestEntityTooLarge
from ZPublisher.HTTPRequest import FileUpload
from ZPublisher.HTTPRequest import record


def text(request, name: str) -> str:
    """Read the form field ``name`` as text.

    :param request: the request whose form has the field.
    :param name: the field's name.
    :returns: its value, "" when it was not sent.
    :raises BadRequest: for a field sent more than once, or converted by
        Zope to anything but text (a list, a record, a number, a file).
    """
    value = request.form.get(name, "")
    if not isinstance(value, str):
        raise _refusal(request, name)
    return value


class RequestEntityTooLarge(HTTPRequestEntityTooLarge):
    """The 413 refusal of a page's form over the payload limit.

    Named so: Zope's publisher sets the status of an error page it draws from
    the exception's class name, and knows ``RequestEntityTooLarge`` (413),
    not ``HTTPRequestEntityTooLarge`` (which it would answer with 500).
    """


def size(request) -> int:
    """How large a page's form is, to hold it to the payload limit as the
    services hold their bodies.

    :param request: the request whose form is measured.
    :returns: the declared length of its body, in bytes; for a multipart
        body (a form uploading a file), the UTF-8 length of its text fields
        instead, as a file is no setting (Plone's own limits hold it).
    """
    content_type = request.getHeader("Content-Type") or ""
    declared = request.getHeader("Content-Length") or ""
    if (
        not content_type.lower().startswith("multipart/")
        and declared.isascii()
        and declared.isdigit()
    ):
        return int(declared)
    total = 0
    for value in request.form.values():
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str):
                total += len(item.encode("utf-8", "surrogatepass"))
    return total


def check_no_records(form) -> None:
    """Refuse fields of ``form`` that Zope's converters made records
    (``name.key:record``, ``name.key:records``: a record, or a dict by the
    time the form reads it), which no widget sends.

    A widget of several values (checkboxes, a select) looks each value up
    among its terms while it is set up, before :func:`check_widget_values`
    can look at it, and a record cannot be looked up (``unhashable type``).

    :param form: a z3c.form form, before its widgets are updated.
    :raises BadRequest: naming the first field refused.
    """
    for name, value in form.request.form.items():
        if not name.startswith(form.prefix):
            continue
        values = value if isinstance(value, list | tuple) else [value]
        if any(isinstance(item, record | dict) for item in values):
            raise _refusal(form.request, name)


def check_widget_values(form) -> None:
    """Refuse fields of ``form`` holding what their widget does not send: a
    widget of several values (a select, checkboxes) sends texts, a file
    widget one file or text, any other one text, and so does each field a
    widget reads besides its own (``form.widgets.text.mimeType``).

    :param form: a z3c.form form whose widgets are set up (after
        ``updateWidgets``), before its data is extracted.
    :raises BadRequest: naming the first field refused.
    """
    widgets = {widget.name: widget for widget in form.widgets.values()}
    for name, value in form.request.form.items():
        widget = widgets.get(name)
        if widget is not None:
            accepted = _accepts(widget, value)
        elif _read_besides(name, widgets):
            accepted = isinstance(value, str)
        else:
            continue
        if not accepted:
            raise _refusal(form.request, name)


def _read_besides(name: str, widgets: dict) -> bool:
    """Whether ``name`` is a field one of ``widgets`` reads besides its own
    (its name, a dot, more), found by the name's own dots rather than by
    trying every widget on every field."""
    parts = name.split(".")
    return any(".".join(parts[:end]) in widgets for end in range(1, len(parts)))


def _accepts(widget, value) -> bool:
    if ISequenceWidget.providedBy(widget):
        values = value if isinstance(value, list | tuple) else [value]
        return all(isinstance(item, str) for item in values)
    if IFileWidget.providedBy(widget) and isinstance(value, FileUpload):
        return True
    return isinstance(value, str)


def _refusal(request, name: str) -> BadRequest:
    return refused(
        request,
        _(
            "The form field ${name} cannot be read: it was sent more than "
            "once, or as a list, record or number where text is expected.",
            mapping={"name": name},
        ),
    )


def refused(
    request, message: str, field: str = "", error: type[HTTPException] = BadRequest
) -> HTTPException:
    """The refusal of a page's request (a 400), saying why on the error page.

    Plone's error page shows no exception's message, but it shows the
    request's status messages: ``message`` is added as one.

    :param request: the refused request.
    :param message: why it is refused.
    :param field: the form field refused, put before the message (when the
        message does not name it).
    :param error: the exception's class, for another status than 400
        (:class:`RequestEntityTooLarge`: 413).
    :returns: the exception to raise.
    """
    text = translated(message, request)
    if field:
        text = f"{field}: {text}"
    # A message may quote what was sent: text Zope decoded from bytes that
    # are no UTF-8 holds lone surrogates, which the status message's cookie
    # cannot encode.
    text = text.encode("utf-8", "replace").decode("utf-8")
    IStatusMessage(request).add(text, "error")
    return error(text)
