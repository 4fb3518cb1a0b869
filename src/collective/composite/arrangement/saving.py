"""Saving an arrangement: the one write path.

Every writer saves through :func:`save`: the REST service and the editor, the
import, a history restore, a working copy's check-in and the shortcuts of
:mod:`collective.composite.arrangement.shortcuts`; those that change only
settings of stored widgets through :func:`save_settings`, the same save
without reading the page's other widgets. Each save checks the design
permission, the page's lock (see
:mod:`collective.composite.arrangement.locking`) and the version, validates
everything before changing anything (see
:mod:`collective.composite.arrangement.validation`), writes only what
changed, records a revision and notifies an
:class:`~collective.composite.interfaces.IArrangementModifiedEvent`. A save
that changes nothing writes nothing: the version stays, no revision is
recorded and no event notified, so a script sending the same arrangement again
and again does not push the page's real revisions out of its history.
"""

from collections import defaultdict
from collections.abc import Mapping
from collective.composite.arrangement import locking
from collective.composite.arrangement.positions import reorder
from collective.composite.arrangement.reading import Arrangement
from collective.composite.arrangement.reading import carry_settings
from collective.composite.arrangement.reading import check_enabled
from collective.composite.arrangement.reading import DEFAULT_LAYOUT
from collective.composite.arrangement.reading import place
from collective.composite.arrangement.reading import version_of
from collective.composite.arrangement.reading import Widget
from collective.composite.arrangement.revisions import record as record_revision
from collective.composite.arrangement.revisions import Recorder
from collective.composite.arrangement.rights import check_may_design
from collective.composite.arrangement.storage import advance
from collective.composite.arrangement.storage import ensure
from collective.composite.arrangement.storage import find
from collective.composite.arrangement.storage import WidgetRecord
from collective.composite.arrangement.validation import plan
from collective.composite.arrangement.validation import plan_settings
from collective.composite.events import ArrangementModifiedEvent
from collective.composite.exceptions import StaleVersion
from copy import deepcopy
from zope.event import notify


def save(
    context,
    data: Mapping,
    version: str | None,
    *,
    action: str = "replace",
    past_lock: bool = False,
    retype: bool = False,
    **summary,
) -> str:
    """Save the whole arrangement, as the editor does.

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
    :param action: what kind of save the revision records (``replace``, the
        editor's; ``import``, ``restore``...).
    :param past_lock: write even while someone else holds the page's lock;
        only for plone.app.iterate's check-in, whose own check-out lock is on
        the page and which ends that lock itself.
    :param retype: a widget whose stored type differs from the one in
        ``data`` is replaced by a new widget of that type, id kept (a restore
        brings back a widget whose id was since given to another one).
    :param summary: more entries of the revision's summary (``restored``...).
    :returns: the new version; the current one when the save changes
        nothing (a page's first save always records its arrangement).
    :raises MayNotDesign: an ``Unauthorized``, without the design permission
        or *Modify portal content*.
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
    """
    storage, old = writable(context, version, past_lock=past_lock)
    layout, widgets, order = plan(context, storage, data, retype)
    recorder = Recorder(storage, DEFAULT_LAYOUT)
    first = storage is None
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
            _write(storage, recorder, widget_id, type_name, settings, slot, position)
    return _recorded(context, storage, recorder, old, action, summary, first=first)


def save_settings(
    context, changes: Mapping, version: str | None, *, action: str = "update"
) -> str:
    """Replace the settings of stored widgets: what :func:`save` does with
    the page's data in which only those settings differ (the same checks, the
    same validation of the changed widgets, the same records written, the same
    revision and event), without reading the page's other widgets, which stay
    as stored. A one-widget change costs the same on a page of any size.

    :param context: a composite-enabled content object.
    :param changes: widget id -> all its new settings, cleaned by its type;
        checked in that order.
    :param version: the version the caller read; None skips the check.
    :param action: what kind of save the revision records.
    :returns: the new version; the current one when the settings are the
        stored ones.
    :raises MayNotDesign: an ``Unauthorized``, without the design permission
        or *Modify portal content*.
    :raises LockedByOther: while someone else holds the page's lock.
    :raises StaleVersion: when ``version`` is not the current version.
    :raises UnknownWidget: naming the id (``<id>``) when there is no widget
        with it.
    :raises InvalidArrangement: and its subclasses, naming the value's path
        from the widget's id (``<id>.settings.title``, ``<id>.type``).
    """
    storage, old = writable(context, version)
    planned = plan_settings(context, storage, changes)
    recorder = Recorder(storage, DEFAULT_LAYOUT)
    for widget_id, (record, settings) in planned.items():
        _write(
            storage,
            recorder,
            widget_id,
            record.type,
            settings,
            record.slot,
            record.position,
        )
    return _recorded(
        context, storage, recorder, old, action, {}, settings_of=planned.keys()
    )


def preview(context, data: Mapping) -> Arrangement:
    """Validate an arrangement as :func:`save` does and return it, storing
    nothing: what the page would look like once saved (the editor's Preview).

    :param context: a composite-enabled content object.
    :param data: the whole arrangement, as :func:`save` takes it.
    :returns: the arrangement ``data`` describes, widgets placed as
        :func:`~collective.composite.arrangement.get` places them; new widgets
        get an id; ``version`` is the current version.
    :raises MayNotDesign: an ``Unauthorized``, without the design permission
        or *Modify portal content*.
    :raises InvalidArrangement: and its subclasses, as :func:`save`.
    """
    storage, current = designable(context)
    layout, widgets, order = plan(context, storage, data)
    grouped = defaultdict(list)
    for slot, ids in order.items():
        for widget_id in ids:
            type_name, settings = widgets[widget_id]
            widget = Widget(widget_id, type_name, deepcopy(settings), slot)
            grouped[slot].append((widget_id, widget))
    placed, unplaced = place(layout, grouped)
    return Arrangement(
        layout=layout.name,
        version=current,
        slots={name: tuple(w for _id, w in items) for name, items in placed.items()},
        unplaced=tuple(widget for _id, widget in unplaced),
    )


def designable(context):
    """Checks of everything that may write (or shows what a write would do).

    :returns: the storage (None when never arranged) and the current version.
    :raises TypeError: when ``context`` is not composite-enabled.
    :raises MayNotDesign: an ``Unauthorized``, without the design permission
        or without *Modify portal content* (see
        :mod:`collective.composite.arrangement.rights`).
    """
    check_enabled(context)
    check_may_design(context)
    storage = find(context)
    return storage, version_of(storage)


def writable(context, version, past_lock: bool = False):
    """Checks every write starts with: the permission, then the lock (before
    the version: whoever lost the lock takes it over first, then finds out
    whether they are stale), then the version.

    :returns: the storage (None when never arranged) and the current version.
    :raises LockedByOther: when someone else holds the page's lock.
    :raises StaleVersion: when ``version`` is not the current version.
    """
    storage, current = designable(context)
    if not past_lock:
        locking.check_unlocked(context)
    if version is not None and str(version) != current:
        raise StaleVersion(str(version), current)
    return storage, current


def _recorded(
    context, storage, recorder, old, action, summary, settings_of=None, first=False
) -> str:
    """End a save: the new version, its revision and the event; nothing when
    the save changed nothing.

    :param settings_of: the ids of the widgets whose settings alone the save
        changed, when it changed nothing else (see
        :func:`~collective.composite.arrangement.reading.carry_settings`).
    :param first: whether the save made the page's storage.
    :returns: the new version, or ``old`` when nothing changed.
    """
    changes = recorder.changes(storage.layout, storage.widgets)
    if not (first or changes.widgets or changes.layout):
        return old
    advance(storage)
    if settings_of is not None:
        carry_settings(storage, old, settings_of)
    record_revision(storage, changes, action, **summary)
    new = version_of(storage)
    notify(ArrangementModifiedEvent(context, old, new))
    return new


def _write(storage, recorder, widget_id, type_name, settings, slot, position):
    """Store one widget as planned, rewriting only what differs."""
    record = storage.widgets.get(widget_id)
    if record is not None and record.type != type_name:
        recorder.touch(widget_id, record)
        del storage.widgets[widget_id]
        record = None
    if record is None:
        recorder.touch(widget_id, None)
        storage.widgets[widget_id] = WidgetRecord(type_name, settings, slot, position)
        return
    for name, value in (("settings", settings), ("slot", slot), ("position", position)):
        if getattr(record, name) != value:
            recorder.touch(widget_id, record)
            setattr(record, name, value)
