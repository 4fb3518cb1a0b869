"""The one validator of arrangement data: what :func:`save` takes.

Everything is checked before anything is written: the layout, each slot and
its constraints, each widget's id, type and slot, and its settings, which the
widget type cleans. Errors name the offending value by its dotted path in the
data (``slots.main.2.settings.title``).
"""

from AccessControl import getSecurityManager
from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Sequence
from collective.composite import _
from collective.composite.arrangement.reading import accepts
from collective.composite.arrangement.reading import groups
from collective.composite.arrangement.reading import layout_named
from collective.composite.arrangement.reading import layout_of
from collective.composite.arrangement.reading import place
from collective.composite.arrangement.reading import records
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import SlotFull
from collective.composite.exceptions import UnknownSlot
from collective.composite.exceptions import UnknownWidget
from collective.composite.exceptions import WidgetNotAllowed
from collective.composite.interfaces import ILayout
from collective.composite.interfaces import ISlot
from collective.composite.widgets.types import get_widget_type
from uuid import uuid4

import math
import re


_WIDGET_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
_WIDGET_KEYS = {"id", "type", "settings", "slot"}
_SURROGATE = re.compile("[\ud800-\udfff]")
# Far deeper than any settings schema nests; a bound for self-containing data.
_MAX_DEPTH = 100
_SURROGATE_MESSAGE = _(
    "Text must be valid Unicode: a lone surrogate (half of a UTF-16 pair, "
    "such as U+D800) cannot be stored."
)


def plan(context, storage, data, retype: bool = False):
    """Validate save data against the layout, the widget types and the stored
    widgets without changing anything.

    :param storage: the stored arrangement, None when never arranged.
    :param retype: whether a widget may come with another type than the one
        stored under its id (a restore brings back a widget whose id was
        since given to another one).
    :returns: the layout; widget id -> (type, cleaned settings); slot name ->
        widget ids in order.
    :raises InvalidArrangement: and its subclasses, naming the value's path.
    """
    if not isinstance(data, Mapping):
        raise InvalidArrangement(_("The arrangement must be a mapping."), field="")
    for key in data:
        if key not in ("layout", "slots", "unplaced"):
            raise InvalidArrangement(
                _("Unknown key '${key}'.", mapping={"key": key}), field=str(key)
            )
    layout = (
        layout_named(data["layout"], context)
        if "layout" in data
        else layout_of(context, storage)
    )
    slots = data.get("slots")
    if not isinstance(slots, Mapping):
        raise InvalidArrangement(
            _("The slots must be a mapping of slot name to widgets."), field="slots"
        )
    entries = []
    for name, widgets in slots.items():
        path = f"slots.{name}"
        slot = find_slot(layout, name, path)
        for index, widget in enumerate(_sequence(widgets, path)):
            entries.append((f"{path}.{index}", widget, slot))
        if slot.max is not None and len(widgets) > slot.max:
            raise slot_full(slot, path)
    if "unplaced" in data:
        for index, widget in enumerate(_sequence(data["unplaced"], "unplaced")):
            entries.append((f"unplaced.{index}", widget, None))
    # Every entry is validated before its id is used (ids of any JSON type
    # could come in); the kept unplaced widgets are stored ones, valid already.
    checked = [
        (path, *_entry(context, storage, path, widget, slot, retype))
        for path, widget, slot in entries
    ]
    if "unplaced" not in data:
        given = {entry[1] for entry in checked}
        _placed, unplaced = place(layout_of(context, storage), groups(records(storage)))
        for widget_id, record in unplaced:
            if widget_id not in given:
                kept = {"id": widget_id, "type": record.type, "slot": record.slot}
                checked.append(
                    ("unplaced", *_entry(context, storage, "unplaced", kept, None))
                )
    widgets = {}
    order = defaultdict(list)
    taken = set(storage.widgets) if storage is not None else set()
    for path, widget_id, type_name, settings, slot_name in checked:
        if widget_id is None:
            widget_id = new_id(taken | set(widgets))
        elif widget_id in widgets:
            raise InvalidArrangement(
                _("The widget '${id}' is listed twice.", mapping={"id": widget_id}),
                field=f"{path}.id",
            )
        widgets[widget_id] = (type_name, settings)
        order[slot_name].append(widget_id)
    return layout, widgets, order


def plan_settings(context, storage, changes: Mapping) -> dict:
    """Validate new settings of stored widgets as :func:`plan` validates them
    in save data that keeps every other widget as stored, without reading the
    other widgets: they are stored ones, valid already, and :func:`plan`
    would only find that out again (their settings compare equal, their slot
    and place stay). So a change of one widget costs the same on any page.

    :param storage: the stored arrangement, None when never arranged.
    :param changes: widget id -> its new settings, in the order they are
        checked.
    :returns: widget id -> (its record, the cleaned settings).
    :raises UnknownWidget: naming the id (``<id>``) when there is no widget
        with it; every id is looked up before any settings are checked.
    :raises InvalidArrangement: and its subclasses, naming the value's path
        from the widget's id (``<id>.settings.title``, ``<id>.type``).
    """
    found = {widget_id: stored_widget(storage, widget_id) for widget_id in changes}
    planned = {}
    for widget_id, record in found.items():
        widget = {"id": widget_id, "type": record.type, "slot": record.slot}
        widget["settings"] = changes[widget_id]
        cleaned = _entry(context, storage, widget_id, widget, None)[2]
        planned[widget_id] = (record, cleaned)
    return planned


def stored_widget(storage, widget_id, field: str | None = None):
    """The record of a stored widget.

    :param storage: the stored arrangement, None when never arranged.
    :param field: what the error names; the id itself by default.
    :raises UnknownWidget: when there is no widget with that id.
    """
    known = storage is not None and isinstance(widget_id, str)
    record = storage.widgets.get(widget_id) if known else None
    if record is None:
        raise UnknownWidget(
            _("There is no widget '${id}'.", mapping={"id": widget_id}),
            field=str(widget_id) if field is None else field,
        )
    return record


def find_slot(layout: ILayout, name, field: str) -> ISlot:
    """:raises UnknownSlot: when the layout has no slot ``name``."""
    slot = layout.slot(name) if isinstance(name, str) else None
    if slot is None:
        raise UnknownSlot(
            _(
                "The layout '${layout}' has no slot '${slot}'.",
                mapping={"layout": layout.name, "slot": name},
            ),
            field=field,
        )
    return slot


def check_accepts(slot: ISlot, type_name: str, field: str) -> None:
    """:raises WidgetNotAllowed: when ``slot`` refuses the type."""
    if not accepts(slot, type_name):
        raise WidgetNotAllowed(
            _(
                "The slot '${slot}' does not accept '${type}' widgets.",
                mapping={"slot": slot.name, "type": type_name},
            ),
            field=field,
        )


def slot_full(slot: ISlot, field: str) -> SlotFull:
    """The error of a slot given more widgets than its maximum."""
    # A message of its own for one, rather than "at most 1 widgets"; Zope's
    # message catalogs have no plural forms.
    if slot.max == 1:
        message = _(
            "The slot '${slot}' holds only one widget.", mapping={"slot": slot.name}
        )
    else:
        message = _(
            "The slot '${slot}' holds at most ${max} widgets.",
            mapping={"slot": slot.name, "max": slot.max},
        )
    return SlotFull(message, field=field)


def at(error: InvalidArrangement, field: str) -> InvalidArrangement:
    """The same error, naming ``field``."""
    return type(error)(error.message, field=field)


def addable_type(type_name, context, field: str):
    """The widget type, if it exists and the user may add widgets of it.

    :raises UnknownWidgetType: when no type of that name is registered.
    :raises WidgetNotAllowed: when the user lacks the type's add permission.
    """
    try:
        widget_type = get_widget_type(type_name)
    except InvalidArrangement as error:
        raise at(error, field) from None
    permission = widget_type.permission
    if permission and not getSecurityManager().checkPermission(permission, context):
        raise WidgetNotAllowed(
            _("You may not add '${type}' widgets here.", mapping={"type": type_name}),
            field=field,
        )
    return widget_type


def new_id(taken) -> str:
    """A new widget id, not in ``taken``."""
    while True:
        widget_id = uuid4().hex[:12]
        if widget_id not in taken:
            return widget_id


def _clean(widget_type, settings, context, field: str) -> dict:
    _check_storable(settings, field)
    try:
        return widget_type.clean(settings, context)
    except InvalidArrangement as error:
        raise at(error, f"{field}.{error.field}" if error.field else field) from None


def _check_storable(value, field: str) -> None:
    """Refuse values that could be stored but never shown or sent again: text
    with lone surrogates (no UTF-8 encoder takes them), NaN and infinite
    numbers (not JSON), and nesting without end.

    :raises InvalidArrangement: naming the offending value's path.
    """
    stack = [(value, field, 0)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise InvalidArrangement(_SURROGATE_MESSAGE, field=path)
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise InvalidArrangement(
                    _("Numbers must be finite: NaN and Infinity cannot be stored."),
                    field=path,
                )
        elif isinstance(item, Mapping | list | tuple):
            if depth >= _MAX_DEPTH:
                raise InvalidArrangement(
                    _(
                        "Settings nest deeper than ${max} levels.",
                        mapping={"max": _MAX_DEPTH},
                    ),
                    field=path,
                )
            pairs = item.items() if isinstance(item, Mapping) else enumerate(item)
            for key, child in pairs:
                child_path = f"{path}.{key}" if path else str(key)
                if isinstance(key, str) and _SURROGATE.search(key):
                    raise InvalidArrangement(_SURROGATE_MESSAGE, field=child_path)
                stack.append((child, child_path, depth + 1))


def _sequence(value, path: str) -> Sequence:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidArrangement(_("A list of widgets is expected here."), field=path)
    return value


def _entry(
    context, storage, path: str, widget, slot: ISlot | None, retype: bool = False
):
    """Validate one widget of save data.

    :returns: its id (None for a new widget without one), type, cleaned
        settings and slot name.
    """
    if not isinstance(widget, Mapping):
        raise InvalidArrangement(_("A widget must be a mapping."), field=path)
    for key in widget:
        if key not in _WIDGET_KEYS:
            raise InvalidArrangement(
                _("Unknown widget key '${key}'.", mapping={"key": key}),
                field=f"{path}.{key}",
            )
    widget_id = widget.get("id")
    if widget_id is not None and not (
        isinstance(widget_id, str) and _WIDGET_ID.match(widget_id)
    ):
        raise InvalidArrangement(
            _("A widget id is 1 to 64 letters, digits, '-' or '_'."),
            field=f"{path}.id",
        )
    type_name = widget.get("type")
    if not isinstance(type_name, str) or not type_name:
        raise InvalidArrangement(_("A widget needs a type."), field=f"{path}.type")
    slot_name = widget.get("slot", slot and slot.name)
    if slot is not None and slot_name != slot.name:
        raise InvalidArrangement(
            _("This widget is in the slot '${slot}'.", mapping={"slot": slot.name}),
            field=f"{path}.slot",
        )
    if not isinstance(slot_name, str) or not slot_name:
        raise InvalidArrangement(
            _("An unplaced widget needs the name of its slot."), field=f"{path}.slot"
        )
    _check_storable(slot_name, f"{path}.slot")
    known = storage is not None and widget_id is not None
    record = storage.widgets.get(widget_id) if known else None
    if record is not None and record.type != type_name and retype:
        record = None
    if record is not None and record.type != type_name:
        raise InvalidArrangement(
            _(
                "The widget '${id}' is a '${type}' widget; a widget's type "
                "cannot change.",
                mapping={"id": widget_id, "type": record.type},
            ),
            field=f"{path}.type",
        )
    # Settings left out, or sent back unchanged, are kept as stored: they were
    # cleaned when saved, and keeping them needs no type permission.
    settings = widget.get("settings", record.settings if record else {})
    if not isinstance(settings, Mapping):
        raise InvalidArrangement(
            _("The settings must be a mapping."), field=f"{path}.settings"
        )
    if record is not None and record.settings == settings:
        cleaned = record.settings
    else:
        widget_type = addable_type(type_name, context, f"{path}.type")
        cleaned = _clean(widget_type, settings, context, f"{path}.settings")
    if slot is not None:
        check_accepts(slot, type_name, f"{path}.type")
    return widget_id, type_name, cleaned, slot_name
