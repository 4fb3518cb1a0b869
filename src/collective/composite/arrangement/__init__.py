"""The arrangement of a composite page: its layout and the widgets in its slots.

This module is the only way to read or change an arrangement; the REST service
and the editor call it. Every write checks the design permission and the page's
lock (someone else's lock refuses it, see
:mod:`collective.composite.arrangement.locking`), validates everything before
changing anything, bumps the version and notifies an
:class:`~collective.composite.interfaces.IArrangementModifiedEvent`.

A widget remembers the name of its slot. Widgets whose slot the current layout
lacks, whose type their slot does not accept, or that come after the slot's
maximum are *unplaced*: kept, listed in :attr:`Arrangement.unplaced`, and back
in their slot as soon as the layout has room for them again.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from collective.composite import _
from collective.composite.arrangement import locking
from collective.composite.arrangement.positions import key_between
from collective.composite.arrangement.positions import reorder
from collective.composite.arrangement.revisions import record as record_revision
from collective.composite.arrangement.revisions import Recorder
from collective.composite.arrangement.revisions import State
from collective.composite.arrangement.storage import ensure
from collective.composite.arrangement.storage import find
from collective.composite.arrangement.storage import WidgetRecord
from collective.composite.events import ArrangementModifiedEvent
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import SlotFull
from collective.composite.exceptions import StaleVersion
from collective.composite.exceptions import UnknownLayout
from collective.composite.exceptions import UnknownSlot
from collective.composite.exceptions import UnknownWidget
from collective.composite.exceptions import WidgetNotAllowed
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.interfaces import ISlot
from collective.composite.layouts.registry import get_layout
from collective.composite.widgets.types import get_widget_type
from copy import deepcopy
from dataclasses import dataclass
from uuid import uuid4
from zope.event import notify
from zope.globalrequest import getRequest
from zope.publisher.browser import TestRequest

import math
import re


DEFAULT_LAYOUT = "one-column"

_WIDGET_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
_WIDGET_KEYS = {"id", "type", "settings", "slot"}
_SURROGATE = re.compile("[\ud800-\udfff]")
# Far deeper than any settings schema nests; a bound for self-containing data.
_MAX_DEPTH = 100
_SURROGATE_MESSAGE = _(
    "Text must be valid Unicode: a lone surrogate (half of a UTF-16 pair, "
    "such as U+D800) cannot be stored."
)


@dataclass(frozen=True)
class Widget:
    """A widget instance, as read from an arrangement.

    :ivar slot: the name of the slot the widget belongs to (for an unplaced
        widget, the slot it will return to).
    """

    id: str
    type: str
    settings: Mapping
    slot: str


@dataclass(frozen=True)
class Arrangement:
    """A snapshot of a page's arrangement.

    :ivar slots: every slot of the layout, in layout order, with its widgets.
    :ivar unplaced: the kept widgets the layout has no place for: those of
        slots it lacks (by slot name), then those their slot refuses (type not
        allowed, beyond its maximum), in layout order.
    """

    layout: str
    version: str
    slots: dict[str, tuple[Widget, ...]]
    unplaced: tuple[Widget, ...]

    @property
    def widgets(self) -> tuple[Widget, ...]:
        """Every widget: those in slots, in layout order, then the unplaced."""
        placed = tuple(widget for widgets in self.slots.values() for widget in widgets)
        return placed + self.unplaced


def get(context) -> Arrangement:
    """Read the arrangement of a page. Never writes.

    :param context: a composite-enabled content object.
    :returns: the arrangement; a page never arranged has the default layout,
        version ``"0"`` and empty slots. When the stored layout is no longer
        available, the default layout is used and widgets are placed in it by
        slot name.
    :raises TypeError: when ``context`` is not composite-enabled.
    :raises UnknownLayout: when not even the default layout is available.

    Example::

        arrangement = get(page)
        for widget in arrangement.slots["main"]:
            print(widget.type, widget.settings)
    """
    _check_enabled(context)
    storage = find(context)
    return _arrangement(
        context, _layout_of(context, storage), _records(storage), _version(storage)
    )


def set_layout(context, name: str, version: str | None = None) -> str:
    """Switch the page to another layout. Widgets are never dropped: those the
    new layout has no place for become unplaced, and switching back restores
    them.

    :param context: a composite-enabled content object.
    :param name: the layout's name.
    :param version: the version the caller read; None skips the check.
    :returns: the new version.
    :raises Unauthorized: without the design permission.
    :raises LockedByOther: while someone else holds the page's lock.
    :raises StaleVersion: when ``version`` is not the current version.
    :raises UnknownLayout: when no layout of that name is available.
    """
    storage, old = _writable(context, version)
    layout = _get_layout(name, context)
    recorder = Recorder(storage, DEFAULT_LAYOUT)
    storage = ensure(context, layout.name)
    if storage.layout != layout.name:
        storage.layout = layout.name
    return _saved(context, storage, old, recorder, "layout")


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
    :raises Unauthorized: without the design permission.
    :raises LockedByOther: while someone else holds the page's lock.
    :raises StaleVersion: when ``version`` is not the current version.
    :raises UnknownSlot: when the layout has no slot of that name.
    :raises UnknownWidgetType: when no widget type of that name is registered.
    :raises WidgetNotAllowed: when the slot refuses the type, or the user lacks
        the type's add permission.
    :raises SlotFull: when the slot holds its maximum already.
    :raises InvalidArrangement: when ``position`` is out of range.
    :raises InvalidSettings: naming the setting (``settings.<name>``).

    Example::

        widget = add_widget(page, "main", "text", {"text": "<p>Hello</p>"})
    """
    storage, old = _writable(context, version)
    layout = _layout_of(context, storage)
    target = _slot(layout, slot, "slot")
    widget_type = _addable_type(type_name, context, "type")
    _check_accepts(target, type_name, "type")
    groups = _groups(_records(storage))
    placed = _place(layout, groups)[0][slot]
    _check_room(target, placed, "slot")
    index = _index(position, len(placed))
    cleaned = _clean(widget_type, settings or {}, context, "settings")
    recorder = Recorder(storage, DEFAULT_LAYOUT)
    storage = ensure(context, layout.name)
    widget_id = _new_id(storage.widgets)
    position_key = key_between(*_bounds(groups[slot], placed, index))
    recorder.touch(widget_id, None)
    storage.widgets[widget_id] = WidgetRecord(type_name, cleaned, slot, position_key)
    _saved(context, storage, old, recorder, "add")
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
    :raises Unauthorized: without the design permission.
    :raises LockedByOther: while someone else holds the page's lock.
    :raises StaleVersion: when ``version`` is not the current version.
    :raises UnknownWidget: when there is no widget with that id.
    :raises UnknownSlot: when the layout has no slot of that name.
    :raises WidgetNotAllowed: when the slot refuses the widget's type.
    :raises SlotFull: when the slot holds its maximum without the widget.
    :raises InvalidArrangement: when ``position`` is out of range.
    """
    storage, old = _writable(context, version)
    record = _record(storage, widget_id)
    layout = _layout_of(context, storage)
    target = _slot(layout, slot, "slot")
    _check_accepts(target, record.type, "slot")
    groups = _groups(_records(storage))
    others = [item for item in _place(layout, groups)[0][slot] if item[0] != widget_id]
    _check_room(target, others, "slot")
    index = _index(position, len(others))
    group = [item for item in groups[slot] if item[0] != widget_id]
    low, high = _bounds(group, others, index)
    in_place = (
        record.slot == slot
        and (low is None or low < record.position)
        and (high is None or record.position < high)
    )
    recorder = Recorder(storage, DEFAULT_LAYOUT)
    if not in_place:
        recorder.touch(widget_id, record)
        record.slot = slot
        record.position = key_between(low, high)
    return _saved(context, storage, old, recorder, "move")


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
    :raises Unauthorized: without the design permission.
    :raises LockedByOther: while someone else holds the page's lock.
    :raises StaleVersion: when ``version`` is not the current version.
    :raises UnknownWidget: when there is no widget with that id.
    :raises UnknownWidgetType: when the widget's type is no longer registered.
    :raises WidgetNotAllowed: when the user lacks the type's add permission.
    :raises InvalidSettings: naming the setting (``settings.<name>``).
    """
    storage, old = _writable(context, version)
    record = _record(storage, widget_id)
    widget_type = _addable_type(record.type, context, "type")
    cleaned = _clean(widget_type, settings, context, "settings")
    recorder = Recorder(storage, DEFAULT_LAYOUT)
    if cleaned != record.settings:
        recorder.touch(widget_id, record)
        record.settings = cleaned
    return _saved(context, storage, old, recorder, "update")


def remove_widget(context, widget_id: str, version: str | None = None) -> str:
    """Remove a widget, placed or unplaced.

    :param context: a composite-enabled content object.
    :param widget_id: the widget's id.
    :param version: the version the caller read; None skips the check.
    :returns: the new version.
    :raises Unauthorized: without the design permission.
    :raises LockedByOther: while someone else holds the page's lock.
    :raises StaleVersion: when ``version`` is not the current version.
    :raises UnknownWidget: when there is no widget with that id.
    """
    storage, old = _writable(context, version)
    recorder = Recorder(storage, DEFAULT_LAYOUT)
    recorder.touch(widget_id, _record(storage, widget_id))
    del storage.widgets[widget_id]
    return _saved(context, storage, old, recorder, "remove")


def replace(context, data: Mapping, version: str | None) -> str:
    """Replace the whole arrangement, as the editor saves it.

    ``data`` is ``{"layout": name, "slots": {slot: [widget, ...]}, "unplaced":
    [widget, ...]}`` where a widget is ``{"id", "type", "settings", "slot"}``.
    ``layout`` defaults to the current layout; slots left out are emptied;
    without ``unplaced`` the current unplaced widgets are kept. A widget without
    ``id``, or with an id the page does not have, is added (keeping a given id,
    so undoing a saved removal restores the same widget); widgets left out are
    removed. ``slot`` is required in ``unplaced`` entries and optional in slots;
    ``settings`` left out keep the stored settings of an existing widget.
    An unplaced widget whose slot has room in the layout is placed there, after
    the slot's other widgets. Only widgets that actually change are rewritten.

    :param context: a composite-enabled content object.
    :param data: the whole arrangement, as described above.
    :param version: the version the caller read; None skips the check.
    :returns: the new version.
    :raises Unauthorized: without the design permission.
    :raises LockedByOther: while someone else holds the page's lock.
    :raises StaleVersion: when ``version`` is not the current version.
    :raises InvalidArrangement: for malformed data, a duplicate id or a changed
        type; ``field`` is the dotted path of the offending value
        (``slots.main.2.type``).
    :raises UnknownLayout: when no layout of that name is available.
    :raises UnknownSlot: when the layout has no slot of that name.
    :raises UnknownWidgetType: when a widget's type is not registered.
    :raises WidgetNotAllowed: when a slot refuses a widget's type, or the user
        lacks the type's add permission for a new or changed widget.
    :raises SlotFull: when a slot is given more widgets than its maximum.
    :raises InvalidSettings: naming the setting
        (``slots.main.2.settings.title``).

    Example::

        current = get(page)
        replace(page, {"layout": "two-columns", "slots": {
            "main": [{"id": w.id, "type": w.type, "settings": w.settings}
                     for w in current.slots["main"]],
            "sidebar": [{"type": "text", "settings": {"text": "<p>Hi</p>"}}],
        }}, version=current.version)
    """
    return _replace(context, data, version, "replace")


def _replace(
    context,
    data: Mapping,
    version: str | None,
    action: str,
    *,
    past_lock: bool = False,
    retype: bool = False,
    **extra,
) -> str:
    """:func:`replace`, recording the revision as ``action`` (a restore, an
    import...) with ``extra`` summary entries.

    :param past_lock: write even while someone else holds the page's lock;
        only for plone.app.iterate's check-in, whose own check-out lock is on
        the page and which ends that lock itself.
    :param retype: a widget whose stored type differs from the one in
        ``data`` is replaced by a new widget of that type, id kept (a restore
        brings back a widget whose id was since given to another one).
    """
    storage, old = _writable(context, version, past_lock=past_lock)
    layout, widgets, order = _plan(context, storage, data, retype)
    recorder = Recorder(storage, DEFAULT_LAYOUT)
    storage = ensure(context, layout.name)
    if storage.layout != layout.name:
        storage.layout = layout.name
    for widget_id in [wid for wid in storage.widgets if wid not in widgets]:
        recorder.touch(widget_id, storage.widgets[widget_id])
        del storage.widgets[widget_id]
    current = defaultdict(dict)
    for widget_id, record in storage.widgets.items():
        current[record.slot][widget_id] = record.position
    for slot, ids in order.items():
        for widget_id, position in reorder(ids, current[slot]).items():
            type_name, settings = widgets[widget_id]
            record = storage.widgets.get(widget_id)
            if record is not None and record.type != type_name:
                recorder.touch(widget_id, record)
                del storage.widgets[widget_id]
                record = None
            if record is None:
                recorder.touch(widget_id, None)
                storage.widgets[widget_id] = WidgetRecord(
                    type_name, settings, slot, position
                )
                continue
            for name, value in (
                ("settings", settings),
                ("slot", slot),
                ("position", position),
            ):
                if getattr(record, name) != value:
                    recorder.touch(widget_id, record)
                    setattr(record, name, value)
    return _saved(context, storage, old, recorder, action, **extra)


def preview(context, data: Mapping) -> Arrangement:
    """Validate an arrangement as :func:`replace` does and return it, storing
    nothing: what the page would look like once saved (the editor's Preview).

    :param context: a composite-enabled content object.
    :param data: the whole arrangement, as :func:`replace` takes it.
    :returns: the arrangement ``data`` describes, widgets placed as
        :func:`get` places them; new widgets get an id; ``version`` is the
        current version.
    :raises Unauthorized: without the design permission.
    :raises InvalidArrangement: and its subclasses, as :func:`replace`.
    """
    storage, current = _designable(context)
    layout, widgets, order = _plan(context, storage, data)
    groups = defaultdict(list)
    for slot, ids in order.items():
        for widget_id in ids:
            type_name, settings = widgets[widget_id]
            widget = Widget(widget_id, type_name, deepcopy(settings), slot)
            groups[slot].append((widget_id, widget))
    placed, unplaced = _place(layout, groups)
    return Arrangement(
        layout=layout.name,
        version=current,
        slots={name: tuple(w for _id, w in items) for name, items in placed.items()},
        unplaced=tuple(widget for _id, widget in unplaced),
    )


def entry_data(widget: Widget) -> dict:
    """A widget as :func:`replace` takes it: ``id``, ``type`` and a copy of its
    ``settings``."""
    return {"id": widget.id, "type": widget.type, "settings": dict(widget.settings)}


def to_data(shown: Arrangement, entry: Callable[[Widget], dict] = entry_data) -> dict:
    """An arrangement as :func:`replace` takes it back.

    :param entry: what a widget becomes; the REST services add to
        :func:`entry_data`.
    :returns: ``layout``, ``slots`` (slot name -> entries) and ``unplaced``
        (entries with their ``slot``).
    """
    return {
        "layout": shown.layout,
        "slots": {
            name: [entry(widget) for widget in widgets]
            for name, widgets in shown.slots.items()
        },
        "unplaced": [
            {**entry(widget), "slot": widget.slot} for widget in shown.unplaced
        ],
    }


def _check_enabled(context) -> None:
    if not ICompositeEnabled.providedBy(context):
        raise TypeError(f"{context!r} is not composite-enabled")


def _version(storage) -> str:
    return "0" if storage is None else str(storage.counter)


def _arrangement(context, layout: ILayout, records: Mapping, version: str):
    """An :class:`Arrangement` of ``records`` placed in ``layout``."""
    placed, unplaced = _place(layout, _groups(records))
    return Arrangement(
        layout=layout.name,
        version=version,
        slots={name: tuple(map(_widget, items)) for name, items in placed.items()},
        unplaced=tuple(map(_widget, unplaced)),
    )


def _state_arrangement(context, state: State, version: str) -> Arrangement:
    """An :class:`Arrangement` of a
    :class:`~collective.composite.arrangement.revisions.State` (an earlier
    revision), placed as :func:`get` would place it."""
    try:
        layout = _get_layout(state.layout, context)
    except UnknownLayout:
        layout = _get_layout(DEFAULT_LAYOUT, context)
    return _arrangement(context, layout, state.widgets, version)


def _state_data(context, state: State) -> dict:
    """:func:`replace` data that brings the page to ``state``."""
    return to_data(_state_arrangement(context, state, ""))


def _designable(context):
    """Checks of everything that may write (or shows what a write would do);
    returns the storage (None when never arranged) and the current version."""
    _check_enabled(context)
    if not getSecurityManager().checkPermission(DESIGN_PERMISSION, context):
        raise Unauthorized(f"You may not design {context.absolute_url()}.")
    storage = find(context)
    return storage, _version(storage)


def _writable(context, version, past_lock: bool = False):
    """Checks every write starts with: the permission, then the lock (before
    the version: whoever lost the lock takes it over first, then finds out
    whether they are stale), then the version. Returns the storage (None when
    never arranged) and the current version.

    :raises LockedByOther: when someone else holds the page's lock.
    """
    storage, current = _designable(context)
    if not past_lock:
        locking.check_unlocked(context)
    if version is not None and str(version) != current:
        raise StaleVersion(str(version), current)
    return storage, current


def _saved(context, storage, old: str, recorder: Recorder, action: str, **extra) -> str:
    """Bump the version, record the revision and tell subscribers."""
    storage.counter += 1
    changes = recorder.changes(storage.layout, storage.widgets)
    record_revision(storage, changes, action, **extra)
    new = _version(storage)
    notify(ArrangementModifiedEvent(context, old, new))
    return new


def _get_layout(name, context) -> ILayout:
    if not isinstance(name, str):
        raise InvalidArrangement(_("The layout must be a name."), field="layout")
    # Scripts (e.g. creating a site) run without a request; layouts registered
    # for the default browser layer are the ones that apply then.
    return get_layout(name, context, getRequest() or TestRequest())


def _layout_of(context, storage) -> ILayout:
    name = DEFAULT_LAYOUT if storage is None else storage.layout
    try:
        return _get_layout(name, context)
    except UnknownLayout:
        if name == DEFAULT_LAYOUT:
            raise
        return _get_layout(DEFAULT_LAYOUT, context)


def _records(storage) -> Mapping:
    """Widget id -> record, of a storage that may not exist yet."""
    return {} if storage is None else storage.widgets


def _groups(records: Mapping) -> defaultdict:
    """Slot name -> [(widget id, record)], in slot order.

    :param records: widget id -> WidgetRecord (or anything with its attributes).
    """
    groups = defaultdict(list)
    for item in records.items():
        groups[item[1].slot].append(item)
    for items in groups.values():
        items.sort(key=lambda item: (item[1].position, item[0]))
    return groups


def _place(layout: ILayout, groups) -> tuple[dict[str, list], list]:
    """Split the widgets into those each slot of the layout shows, and the
    unplaced."""
    placed = {}
    refused = []
    for slot in layout.slots:
        placed[slot.name] = shown = []
        for item in groups.get(slot.name, ()):
            fits = _accepts(slot, item[1].type) and (
                slot.max is None or len(shown) < slot.max
            )
            (shown if fits else refused).append(item)
    missing = sorted(set(groups) - set(placed))
    return placed, [item for name in missing for item in groups[name]] + refused


def _widget(item) -> Widget:
    widget_id, record = item
    return Widget(widget_id, record.type, deepcopy(record.settings), record.slot)


def _record(storage, widget_id) -> WidgetRecord:
    record = None if storage is None else storage.widgets.get(widget_id)
    if record is None:
        raise UnknownWidget(
            _("There is no widget '${id}'.", mapping={"id": widget_id}),
            field="widget_id",
        )
    return record


def _slot(layout: ILayout, name, field: str) -> ISlot:
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


def _accepts(slot: ISlot, type_name: str) -> bool:
    return slot.allowed is None or type_name in slot.allowed


def _check_accepts(slot: ISlot, type_name: str, field: str) -> None:
    if not _accepts(slot, type_name):
        raise WidgetNotAllowed(
            _(
                "The slot '${slot}' does not accept '${type}' widgets.",
                mapping={"slot": slot.name, "type": type_name},
            ),
            field=field,
        )


def _check_room(slot: ISlot, placed: list, field: str) -> None:
    if slot.max is not None and len(placed) >= slot.max:
        raise SlotFull(
            _(
                "The slot '${slot}' holds at most ${max} widgets.",
                mapping={"slot": slot.name, "max": slot.max},
            ),
            field=field,
        )


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


def _bounds(group: list, placed: list, index: int) -> tuple[str | None, str | None]:
    """The ordering keys to put a widget between so that it shows at ``index``
    among ``placed``: right after the widget before it, and so before any
    unplaced widget of the slot that follows."""
    low = placed[index - 1][1].position if index else None
    following = (
        record.position for _id, record in group if low is None or record.position > low
    )
    return low, next(following, None)


def _at(error, field: str):
    """The same error, naming ``field``."""
    return type(error)(error.message, field=field)


def _addable_type(type_name, context, field: str):
    """The widget type, if it exists and the user may add widgets of it."""
    try:
        widget_type = get_widget_type(type_name)
    except InvalidArrangement as error:
        raise _at(error, field) from None
    permission = widget_type.permission
    if permission and not getSecurityManager().checkPermission(permission, context):
        raise WidgetNotAllowed(
            _("You may not add '${type}' widgets here.", mapping={"type": type_name}),
            field=field,
        )
    return widget_type


def _clean(widget_type, settings, context, field: str) -> dict:
    _check_storable(settings, field)
    try:
        return widget_type.clean(settings, context)
    except InvalidArrangement as error:
        raise _at(error, f"{field}.{error.field}" if error.field else field) from None


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


def _new_id(taken) -> str:
    while True:
        widget_id = uuid4().hex[:12]
        if widget_id not in taken:
            return widget_id


def _plan(context, storage, data, retype: bool = False):
    """Validate ``replace`` data against the layout, the widget types and the
    stored widgets without changing anything.

    :param retype: whether a widget may come with another type than the one
        stored under its id (see :func:`_replace`).

    :returns: the layout; widget id -> (type, cleaned settings); slot name ->
        widget ids in order.
    """
    if not isinstance(data, Mapping):
        raise InvalidArrangement(_("The arrangement must be a mapping."), field="")
    for key in data:
        if key not in ("layout", "slots", "unplaced"):
            raise InvalidArrangement(
                _("Unknown key '${key}'.", mapping={"key": key}), field=str(key)
            )
    layout = (
        _get_layout(data["layout"], context)
        if "layout" in data
        else _layout_of(context, storage)
    )
    slots = data.get("slots")
    if not isinstance(slots, Mapping):
        raise InvalidArrangement(
            _("The slots must be a mapping of slot name to widgets."), field="slots"
        )
    entries = []
    for name, widgets in slots.items():
        path = f"slots.{name}"
        slot = _slot(layout, name, path)
        for index, widget in enumerate(_sequence(widgets, path)):
            entries.append((f"{path}.{index}", widget, slot))
        if slot.max is not None and len(widgets) > slot.max:
            raise SlotFull(
                _(
                    "The slot '${slot}' holds at most ${max} widgets.",
                    mapping={"slot": name, "max": slot.max},
                ),
                field=path,
            )
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
        _placed, unplaced = _place(
            _layout_of(context, storage), _groups(_records(storage))
        )
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
            widget_id = _new_id(taken | set(widgets))
        elif widget_id in widgets:
            raise InvalidArrangement(
                _("The widget '${id}' is listed twice.", mapping={"id": widget_id}),
                field=f"{path}.id",
            )
        widgets[widget_id] = (type_name, settings)
        order[slot_name].append(widget_id)
    return layout, widgets, order


def _sequence(value, path: str) -> Sequence:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidArrangement(_("A list of widgets is expected here."), field=path)
    return value


def _entry(
    context, storage, path: str, widget, slot: ISlot | None, retype: bool = False
):
    """Validate one widget of ``replace`` data.

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
        widget_type = _addable_type(type_name, context, f"{path}.type")
        cleaned = _clean(widget_type, settings, context, f"{path}.settings")
    if slot is not None:
        _check_accepts(slot, type_name, f"{path}.type")
    return widget_id, type_name, cleaned, slot_name
