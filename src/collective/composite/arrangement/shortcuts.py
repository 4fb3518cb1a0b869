"""Shortcuts for one change at a time, each a :func:`save` of the whole
arrangement with that one change; those changing settings only, a
:func:`save_settings` of the widgets they change.

They check their own parameters (the slot, the position, the widget) and name
them in errors (``slot``, ``position``, ``widget_id``, ``type``,
``settings.<name>``); everything else is the save's: the same checks, the same
validator, the same revision and event. None rewrites more than one widget.

Each starts with the checks of every write, and so raises ``Unauthorized``
without the design permission, ``LockedByOther`` while someone else holds the
page's lock and ``StaleVersion`` when ``version`` (the version the caller
read; None skips the check) is not the current version; the other errors are
listed with each.
"""

from collections import defaultdict
from collections.abc import Mapping
from collective.composite import _
from collective.composite.arrangement.reading import groups
from collective.composite.arrangement.reading import layout_of
from collective.composite.arrangement.reading import place
from collective.composite.arrangement.reading import records
from collective.composite.arrangement.reading import Widget
from collective.composite.arrangement.saving import save
from collective.composite.arrangement.saving import save_settings
from collective.composite.arrangement.saving import writable
from collective.composite.arrangement.storage import find
from collective.composite.arrangement.validation import addable_type
from collective.composite.arrangement.validation import at
from collective.composite.arrangement.validation import check_accepts
from collective.composite.arrangement.validation import find_slot
from collective.composite.arrangement.validation import new_id
from collective.composite.arrangement.validation import slot_full
from collective.composite.arrangement.validation import stored_widget
from collective.composite.exceptions import InvalidArrangement
from copy import deepcopy


def set_layout(context, name: str, version: str | None = None) -> str:
    """Switch the page to another layout. Widgets are never dropped: those the
    new layout has no place for become unplaced, and switching back restores
    them.

    :param context: a composite-enabled content object.
    :param name: the layout's name.
    :param version: the version the caller read; None skips the check.
    :returns: the new version.
    :raises UnknownLayout: when no layout of that name is available.
    """
    storage, current = writable(context, version)
    return _save(context, _entries(groups(records(storage))), current, "layout", name)


def add_widget(
    context,
    slot: str,
    type_name: str,
    settings: Mapping | None = None,
    position: int | None = None,
    version: str | None = None,
) -> Widget:
    """Add a widget to a slot of the current layout.

    :param context: a composite-enabled content object.
    :param slot: the slot's name.
    :param type_name: the widget type's name.
    :param settings: the widget's settings, cleaned by its type.
    :param position: index among the slot's widgets; None appends.
    :param version: the version the caller read; None skips the check.
    :returns: the new widget, with its generated id.
    :raises UnknownSlot: when the layout has no slot of that name.
    :raises UnknownWidgetType: when no widget type of that name is registered.
    :raises WidgetNotAllowed: when the slot refuses the type, or the user lacks
        the type's add permission.
    :raises SlotFull: when the slot holds its maximum already.
    :raises InvalidArrangement: when ``position`` is out of range.
    :raises InvalidSettings: naming the setting (``settings.<name>``).
    """
    storage, current = writable(context, version)
    layout = layout_of(context, storage)
    target = find_slot(layout, slot, "slot")
    addable_type(type_name, context, "type")
    check_accepts(target, type_name, "type")
    grouped = groups(records(storage))
    placed = place(layout, grouped)[0][slot]
    _check_room(target, placed, "slot")
    index = _index(position, len(placed))
    widget_id = new_id(records(storage))
    entries = _entries(grouped)
    entry = {"id": widget_id, "type": type_name, "settings": settings or {}}
    _insert(entries[slot], {**entry, "slot": slot}, placed, index)
    _save(context, entries, current, "add", edited=widget_id)
    cleaned = find(context).widgets[widget_id].settings
    return Widget(widget_id, type_name, deepcopy(cleaned), slot)


def move_widget(
    context,
    widget_id: str,
    slot: str,
    position: int | None = None,
    version: str | None = None,
) -> str:
    """Move a widget within its slot or to another one; this is also how an
    unplaced widget is put back.

    :param context: a composite-enabled content object.
    :param widget_id: the widget's id.
    :param slot: the name of the slot to move it to.
    :param position: index among the slot's other widgets; None appends.
    :param version: the version the caller read; None skips the check.
    :returns: the new version.
    :raises UnknownWidget: when there is no widget with that id.
    :raises UnknownSlot: when the layout has no slot of that name.
    :raises WidgetNotAllowed: when the slot refuses the widget's type.
    :raises SlotFull: when the slot holds its maximum without the widget.
    :raises InvalidArrangement: when ``position`` is out of range.
    """
    storage, current = writable(context, version)
    record = _record(storage, widget_id)
    layout = layout_of(context, storage)
    target = find_slot(layout, slot, "slot")
    check_accepts(target, record.type, "slot")
    grouped = groups(records(storage))
    others = [item for item in place(layout, grouped)[0][slot] if item[0] != widget_id]
    _check_room(target, others, "slot")
    index = _index(position, len(others))
    entries = _entries(grouped)
    entry = _take(entries[record.slot], widget_id)
    _insert(entries[slot], {**entry, "slot": slot}, others, index)
    return _save(context, entries, current, "move", edited=widget_id)


def update_widget(
    context, widget_id: str, settings: Mapping, version: str | None = None
) -> str:
    """Replace the settings of a widget.

    Changing a widget whose type needs an add permission needs it too.

    :param context: a composite-enabled content object.
    :param widget_id: the widget's id.
    :param settings: all its new settings, cleaned by its type.
    :param version: the version the caller read; None skips the check.
    :returns: the new version.
    :raises UnknownWidget: when there is no widget with that id.
    :raises UnknownWidgetType: when the widget's type is no longer registered.
    :raises WidgetNotAllowed: when the user lacks the type's add permission.
    :raises InvalidSettings: naming the setting (``settings.<name>``).
    """
    storage, current = writable(context, version)
    record = _record(storage, widget_id)
    addable_type(record.type, context, "type")
    try:
        return save_settings(context, {widget_id: settings}, current)
    except InvalidArrangement as error:
        raise at(error, error.field.removeprefix(f"{widget_id}.")) from None


def update_widgets(context, changes: Mapping, version: str | None = None) -> str:
    """Replace the settings of some widgets in one save (one version, one
    revision); the layout, the slots and the other widgets stay as they are.

    A client changing a few widgets of a big page sends only those; settings
    sent unchanged are kept as stored and need no permission, as with
    :func:`save`.

    :param context: a composite-enabled content object.
    :param changes: widget id -> all its new settings, cleaned by its type;
        checked in that order, once every id is found.
    :param version: the version the caller read; None skips the check.
    :returns: the new version.
    :raises UnknownWidget: naming the id (``<id>``) when there is no widget
        with it.
    :raises UnknownWidgetType: naming ``<id>.type`` when the widget's type is
        no longer registered.
    :raises WidgetNotAllowed: naming ``<id>.type`` when the user lacks the
        type's add permission.
    :raises InvalidSettings: naming the setting (``<id>.settings.<name>``).
    """
    return save_settings(context, changes, version)


def remove_widget(context, widget_id: str, version: str | None = None) -> str:
    """Remove a widget, placed or unplaced.

    :param context: a composite-enabled content object.
    :param widget_id: the widget's id.
    :param version: the version the caller read; None skips the check.
    :returns: the new version.
    :raises UnknownWidget: when there is no widget with that id.
    """
    storage, current = writable(context, version)
    record = _record(storage, widget_id)
    entries = _entries(groups(records(storage)))
    _take(entries[record.slot], widget_id)
    return _save(context, entries, current, "remove")


def _entries(grouped) -> defaultdict[str, list[dict]]:
    """The stored widgets as save entries, each with its slot, in slot order:
    the data of a save that changes nothing."""
    entries = defaultdict(list)
    for slot, items in grouped.items():
        entries[slot] = [
            {"id": wid, "type": rec.type, "settings": rec.settings, "slot": slot}
            for wid, rec in items
        ]
    return entries


def _save(context, entries, version, action, layout=None, edited=None) -> str:
    """Save ``entries`` as the data's ``unplaced`` list, each naming its slot:
    the save validates their types and settings, not the slots' constraints,
    which the shortcut has checked for the widget it changes (the others are
    kept as they are, shown or unplaced as before).

    :param edited: the id of the widget whose errors name the shortcut's own
        parameters (``settings.title`` rather than its path in the data).
    """
    widgets = [entry for items in entries.values() for entry in items]
    data = {"slots": {}, "unplaced": widgets}
    if layout is not None:
        data["layout"] = layout
    try:
        return save(context, data, version, action=action)
    except InvalidArrangement as error:
        index = next(
            (i for i, entry in enumerate(widgets) if entry["id"] == edited), None
        )
        prefix = f"unplaced.{index}."
        if index is None or not error.field.startswith(prefix):
            raise
        raise at(error, error.field.removeprefix(prefix)) from None


def _take(items: list[dict], widget_id: str) -> dict:
    """Remove the entry of ``widget_id`` from ``items`` and return it."""
    index = next(i for i, entry in enumerate(items) if entry["id"] == widget_id)
    return items.pop(index)


def _insert(items: list[dict], entry: dict, placed: list, index: int) -> None:
    """Put ``entry`` among a slot's ``items`` so that it shows at ``index``
    among the ``placed`` ones: right after the placed widget before it, and so
    before any unplaced widget of the slot that follows."""
    if index:
        before = placed[index - 1][0]
        index = 1 + next(i for i, item in enumerate(items) if item["id"] == before)
    items.insert(index, entry)


def _record(storage, widget_id):
    return stored_widget(storage, widget_id, "widget_id")


def _check_room(slot, placed: list, field: str) -> None:
    if slot.max is not None and len(placed) >= slot.max:
        raise slot_full(slot, field)


def _index(position, size: int) -> int:
    if position is None:
        return size
    if not isinstance(position, int) or isinstance(position, bool):
        raise InvalidArrangement(_("The position must be a number."), field="position")
    if not 0 <= position <= size:
        raise InvalidArrangement(
            _("The position must be between 0 and ${size}.", mapping={"size": size}),
            field="position",
        )
    return position
