"""Reading an arrangement: the snapshot classes and how widgets are placed.

A widget remembers the name of its slot. Widgets whose slot the current layout
lacks, whose type their slot does not accept, or that come after the slot's
maximum are *unplaced*: kept, listed in :attr:`Arrangement.unplaced`, and back
in their slot as soon as the layout has room for them again. This is worked out
on every read; nothing is moved.
"""

from collections import defaultdict
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterator
from collections.abc import Mapping
from collective.composite import _
from collective.composite.arrangement.revisions import State
from collective.composite.arrangement.storage import find
from collective.composite.arrangement.storage import SettingsRecord
from collective.composite.arrangement.storage import version_token
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import UnknownLayout
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ILayout
from collective.composite.interfaces import ISlot
from collective.composite.layouts.registry import get_layout
from copy import deepcopy
from dataclasses import dataclass
from dataclasses import replace
from zope.globalrequest import getRequest
from zope.publisher.browser import TestRequest


DEFAULT_LAYOUT = "one-column"


class SettingsView(Mapping):
    """A widget's stored settings, read-only, copied lazily.

    Reading an arrangement copies nothing: a top-level value that is a string,
    number, boolean or None is returned as stored; a list or dict value is
    copied (deeply) the first time it is read, so a caller may change that
    copy without touching the stored settings. Changing the view itself
    raises ``TypeError``; ``dict(view)`` is a plain copy to change.

    :param stored: the stored settings dict (never changed through the view).
    :param record: what holds them in the storage (a widget's ``stored``),
        for :func:`settings_memo`; None when not read from a page.
    """

    __slots__ = ("_stored", "_copies", "_record")

    def __init__(self, stored: Mapping, record=None):
        self._stored = stored
        self._copies = None
        self._record = record

    def __getitem__(self, key):
        value = self._stored[key]
        if isinstance(value, (str, int, float, bool)) or value is None:
            return value
        if self._copies is None:
            self._copies = {}
        if key not in self._copies:
            self._copies[key] = deepcopy(value)
        return self._copies[key]

    def __iter__(self) -> Iterator:
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)

    def __repr__(self) -> str:
        return f"SettingsView({dict(self)!r})"

    def __copy__(self) -> dict:
        return dict(self)

    def __deepcopy__(self, memo) -> dict:
        return deepcopy(dict(self), memo)

    def __reduce__(self):
        return (dict, (dict(self),))


@dataclass(frozen=True)
class Widget:
    """A widget instance, as read from an arrangement.

    :ivar settings: a read-only mapping (see :class:`SettingsView` for
        widgets read from a page); ``dict(widget.settings)`` to change them.
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
    :returns: the arrangement, read-only (it is shared by the reads of the
        same version); a page never arranged has the default layout,
        version ``"0"`` and empty slots. When the stored layout is no longer
        available, the default layout is used and widgets are placed in it by
        slot name.
    :raises TypeError: when ``context`` is not composite-enabled.
    :raises UnknownLayout: when not even the default layout is available.
    """
    return get_with_layout(context)[0]


def get_with_layout(context, request=None) -> tuple[Arrangement, ILayout]:
    """:func:`get`, with the layout the widgets are placed in: the page's
    views render it, and looking it up again would cost as much as reading
    the arrangement.

    :param context: a composite-enabled content object.
    :param request: the request whose browser layers select the layout; by
        default the current one.
    :returns: the arrangement and its layout.
    :raises TypeError: when ``context`` is not composite-enabled.
    :raises UnknownLayout: when not even the default layout is available.
    """
    check_enabled(context)
    storage = find(context)
    layout = layout_of(context, storage, request)
    if storage is None:
        return arranged(layout, {}, version_of(storage)), layout
    return _arranged_once(storage, layout), layout


def _arranged_once(storage, layout: ILayout) -> Arrangement:
    """:func:`arranged` of a storage's widgets in ``layout``, remembered
    with the storage (a volatile attribute) for its version and the
    layout's slots: every view of a page reads its arrangement, and placing
    its widgets costs about 2 µs each.

    A save bumps the version after writing, and an aborted one leaves the
    storage to be loaded again, without the memo. The arrangement is
    shared: it is read-only, as :func:`get` documents."""
    version = version_of(storage)
    key = (version, layout.name, _placement(layout))
    memo = getattr(storage, "_v_arranged", None)
    if memo is None or memo[0] != key:
        shown = arranged(layout, storage.widgets, version)
        memo = storage._v_arranged = (key, shown)
    return memo[1]


def carry_settings(storage, previous: str, changed: Collection[str]) -> None:
    """Bring the arrangement remembered for version ``previous`` to the
    storage's current version after a save that changed the settings of the
    ``changed`` widgets only (their types, slots and positions as they
    were), by reading those widgets again: where widgets go depends on
    nothing else, so a one-widget change on a big page does not place every
    widget again. Nothing happens unless the memo is of ``previous``.

    :param storage: the page's storage, its counter already bumped.
    :param previous: the version the save started from.
    :param changed: the ids of the widgets whose settings were written.
    """
    memo = getattr(storage, "_v_arranged", None)
    if memo is None or memo[0][0] != previous:
        return

    def current(widget: Widget) -> Widget:
        if widget.id in changed:
            return _widget((widget.id, storage.widgets[widget.id]))
        return widget

    key, shown = memo
    shown = replace(
        shown,
        version=version_of(storage),
        slots={name: tuple(map(current, ws)) for name, ws in shown.slots.items()},
        unplaced=tuple(map(current, shown.unplaced)),
    )
    storage._v_arranged = ((shown.version, *key[1:]), shown)


def _placement(layout: ILayout) -> tuple:
    """What of ``layout`` decides where widgets go (see :func:`place`)."""
    return tuple(
        (slot.name, None if slot.allowed is None else tuple(slot.allowed), slot.max)
        for slot in layout.slots
    )


def entry_data(widget: Widget) -> dict:
    """A widget as :func:`~collective.composite.arrangement.save` takes it:
    ``id``, ``type`` and a copy of its ``settings``."""
    return {"id": widget.id, "type": widget.type, "settings": dict(widget.settings)}


def to_data(shown: Arrangement, entry: Callable[[Widget], dict] = entry_data) -> dict:
    """An arrangement as :func:`~collective.composite.arrangement.save` takes
    it back.

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


def stored_data(context) -> dict | None:
    """The arrangement stored on ``context`` as
    :func:`~collective.composite.arrangement.save` takes it back, whether or
    not ``context`` is composite-enabled now: an
    item whose type was unticked in the settings, or every item once the
    add-on is uninstalled, keeps its arrangement, which no layout places
    while it is not composite. Never writes.

    :param context: a content object or the site root.
    :returns: ``layout``, empty ``slots`` and every widget in ``unplaced``
        with its ``slot``, slot by slot in the order of each slot (a save
        puts each back in its slot, in that order, where the layout has room
        for it); None when nothing is stored.
    """
    storage = find(context)
    if storage is None:
        return None
    grouped = groups(records(storage))
    return {
        "layout": storage.layout,
        "slots": {},
        "unplaced": [
            {**entry_data(_widget(item)), "slot": slot}
            for slot in sorted(grouped)
            for item in grouped[slot]
        ],
    }


def state_arrangement(context, state: State, version: str) -> Arrangement:
    """An :class:`Arrangement` of a
    :class:`~collective.composite.arrangement.revisions.State` (an earlier
    revision), placed as :func:`get` would place it."""
    try:
        layout = layout_named(state.layout, context)
    except UnknownLayout:
        layout = layout_named(DEFAULT_LAYOUT, context)
    return arranged(layout, state.widgets, version)


def state_data(context, state: State) -> dict:
    """Save data that brings the page to ``state``."""
    return to_data(state_arrangement(context, state, ""))


def check_enabled(context) -> None:
    """:raises TypeError: when ``context`` is not composite-enabled."""
    if not ICompositeEnabled.providedBy(context):
        raise TypeError(f"{context!r} is not composite-enabled")


def version_of(storage) -> str:
    """The version token of a storage that may not exist yet."""
    return "0" if storage is None else version_token(storage.counter, storage.epoch)


def layout_named(name, context, request=None) -> ILayout:
    """The layout ``name`` for ``context`` and ``request`` (by default the
    current request).

    :raises InvalidArrangement: when ``name`` is not a string.
    :raises UnknownLayout: when no layout of that name is available.
    """
    if not isinstance(name, str):
        raise InvalidArrangement(_("The layout must be a name."), field="layout")
    # Scripts (e.g. creating a site) run without a request; layouts registered
    # for the default browser layer are the ones that apply then.
    return get_layout(name, context, request or getRequest() or TestRequest())


def layout_of(context, storage, request=None) -> ILayout:
    """The layout a page shows: the stored one, else the default one (for
    ``request``, by default the current one)."""
    name = DEFAULT_LAYOUT if storage is None else storage.layout
    try:
        return layout_named(name, context, request)
    except UnknownLayout:
        if name == DEFAULT_LAYOUT:
            raise
        return layout_named(DEFAULT_LAYOUT, context, request)


def records(storage) -> Mapping:
    """Widget id -> record, of a storage that may not exist yet."""
    return {} if storage is None else storage.widgets


def groups(records: Mapping) -> defaultdict:
    """Slot name -> [(widget id, record)], in slot order.

    :param records: widget id -> WidgetRecord (or anything with its attributes).
    """
    grouped = defaultdict(list)
    for item in records.items():
        grouped[item[1].slot].append(item)
    for items in grouped.values():
        items.sort(key=lambda item: (item[1].position, item[0]))
    return grouped


def accepts(slot: ISlot, type_name: str) -> bool:
    """Whether ``slot`` takes widgets of that type."""
    return slot.allowed is None or type_name in slot.allowed


def place(layout: ILayout, grouped) -> tuple[dict[str, list], list]:
    """Split the widgets into those each slot of the layout shows, and the
    unplaced.

    :param grouped: slot name -> [(widget id, record)], as :func:`groups`.
    """
    placed = {}
    refused = []
    for slot in layout.slots:
        placed[slot.name] = shown = []
        for item in grouped.get(slot.name, ()):
            fits = accepts(slot, item[1].type) and (
                slot.max is None or len(shown) < slot.max
            )
            (shown if fits else refused).append(item)
    missing = sorted(set(grouped) - set(placed))
    return placed, [item for name in missing for item in grouped[name]] + refused


def arranged(layout: ILayout, records: Mapping, version: str) -> Arrangement:
    """An :class:`Arrangement` of ``records`` placed in ``layout``."""
    placed, unplaced = place(layout, groups(records))
    return Arrangement(
        layout=layout.name,
        version=version,
        slots={name: tuple(map(_widget, items)) for name, items in placed.items()},
        unplaced=tuple(map(_widget, unplaced)),
    )


def settings_memo(settings: Mapping) -> dict | None:
    """Somewhere to remember values worked out from a widget's stored
    settings alone, kept with them for as long as they stay loaded in this
    ZODB connection (a volatile attribute of their record).

    What is kept can never be stale: a save stores changed settings as a new
    record and never changes a stored one. The key must name whatever else a
    value depends on.

    :param settings: a widget's settings, as read from a page.
    :returns: a dict to read and fill; None for settings without a record of
        their own (not read from a page, or stored inline before settings had
        records).
    """
    record = settings._record if isinstance(settings, SettingsView) else None
    if not isinstance(record, SettingsRecord):
        return None
    memo = getattr(record, "_v_memo", None)
    if memo is None:
        memo = record._v_memo = {}
    return memo


def _widget(item) -> Widget:
    widget_id, record = item
    # No copy: reading a page of many widgets is the real view's hot path.
    # The settings' record comes along for settings_memo (a WidgetState of
    # an earlier revision has none).
    settings = SettingsView(record.settings, getattr(record, "stored", None))
    return Widget(widget_id, record.type, settings, record.slot)
