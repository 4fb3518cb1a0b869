"""Where an arrangement is stored: one annotation, its own persistent objects.

The content object only gets a reference to an :class:`ArrangementStorage`, so
saving never rewrites the content object's record. Each widget is a small
persistent record of its own in a BTree, and its place in a slot is an ordering
key (see :mod:`collective.composite.arrangement.positions`), so one change
writes the root (layout and version counter) and the one widget it touches,
however many widgets the page has.

The history is a chain of revisions, newest first, hanging off the root: each
save adds one :class:`RevisionRecord` (who, when, a summary) and its
:class:`ChangesRecord` (the touched widgets and layout, before and after), and
never rewrites older ones, except the oldest kept one when retention cuts the
chain behind it (once every few saves, see
:mod:`collective.composite.arrangement.revisions`). A widget's settings are a
:class:`SettingsRecord` of their own, replaced (not changed) by a save.
Only the modules of :mod:`collective.composite.arrangement` use this module;
others read and write through its API (the catalog's digest too:
:func:`indexed_digest`, :func:`remember_indexed_digest`).
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.utils import z64
from zope.annotation.interfaces import IAnnotations


KEY = "collective.composite.arrangement"


class SettingsRecord(Persistent):
    """The settings of a widget, a record of their own, never changed: new
    settings are a new record. A revision refers to the settings a save
    replaced instead of holding a copy of them, so changing a widget's text
    writes the new text once, not the old one again.

    :ivar value: the settings (a dict).
    """

    def __init__(self, value: dict):
        self.value = value

    def __getnewargs__(self):
        # References to it are bare oids (see WidgetRecord).
        return ()

    def __getstate__(self):
        return self.value

    def __setstate__(self, state):
        super().__setstate__({"value": state})


def settings_of(stored) -> dict:
    """The settings dict of a stored value: a :class:`SettingsRecord`, or the
    dict itself (widgets and revisions saved before settings had records of
    their own hold the dict inline)."""
    return stored.value if isinstance(stored, SettingsRecord) else stored


class WidgetRecord(Persistent):
    """One widget: its type, settings, the slot it belongs to and its key there.

    ``slot`` is kept when a layout lacks it, which is what makes a widget
    "unplaced" and lets switching back restore it. The settings are a
    :class:`SettingsRecord` of their own (``stored``); :attr:`settings` reads
    and replaces them.
    """

    def __init__(self, type_name: str, settings: dict, slot: str, position: str):
        self.type = type_name
        self.settings = settings
        self.slot = slot
        self.position = position

    @property
    def settings(self) -> dict:
        """The widget's settings (do not change them in place: assign)."""
        return settings_of(self.stored)

    @settings.setter
    def settings(self, value: dict) -> None:
        self.stored = SettingsRecord(value)

    def __setstate__(self, state):
        if "settings" in state:  # saved before settings had a record
            state = dict(state)
            state["stored"] = state.pop("settings")
        super().__setstate__(state)

    def __getnewargs__(self):
        # References to a class with __getnewargs__ are bare oids: the BTree
        # bucket rewritten when a widget is added or removed stays small.
        return ()


class ArrangementStorage(Persistent):
    """The arrangement of one content object.

    :ivar layout: the layout name.
    :ivar counter: bumped on every save, which is every change of the
        widgets (a record is never changed otherwise); with ``epoch`` it
        makes the version (see :func:`version_token`). Reading remembers the
        placed widgets by the version (see ``reading.get_with_layout``):
        whatever changes the widgets must bump it with :func:`advance`, as
        :func:`~collective.composite.arrangement.save` does.
    :ivar epoch: None, or what tells the versions given since the stored
        arrangement was last rewound (see :func:`advance`) from those given
        before, whose numbers they repeat.
    :ivar widgets: ``OOBTree`` of widget id to :class:`WidgetRecord`.
    :ivar head: the newest :class:`RevisionRecord`, None before the first save.
    :ivar kept: how many revisions the chain from ``head`` holds.
    :ivar indexed_digest: the digests (bytes) of the SearchableText and of
        the ``composite_references`` last indexed, None before (see
        :mod:`collective.composite.catalog.indexers`).
    """

    # Class defaults: a new attribute costs nothing until it is first set.
    head = None
    kept = 0
    indexed_digest = None
    epoch = None

    def __init__(self, layout: str):
        self.layout = layout
        self.counter = 0
        self.widgets = OOBTree()

    # Every save rewrites this record: its known attributes are stored as a
    # tuple, without their names (about 50 bytes a save); any other attribute
    # set on it follows in a dict, and a dict state (as saved before) loads.
    # ``epoch`` is left out while None, so such a record is stored as before
    # it existed (and an earlier release still reads it).
    _fields = (
        "layout",
        "counter",
        "widgets",
        "head",
        "kept",
        "indexed_digest",
        "epoch",
    )

    def __getstate__(self):
        extra = dict(super().__getstate__())
        values = tuple(getattr(self, name) for name in self._fields)
        if values[-1] is None:
            values = values[:-1]
        for name in self._fields:
            extra.pop(name, None)
        return (values, extra) if extra else values

    def __setstate__(self, state):
        if isinstance(state, tuple):
            # Six or seven values, or (those values, a dict of the others).
            values, extra = state if len(state) == 2 else (state, {})
            # A state without the last value (``epoch``) leaves its default.
            state = {**extra, **dict(zip(self._fields, values, strict=False))}
        super().__setstate__(state)


class ChangesRecord(Persistent):
    """What one save changed; stored apart from its revision so that listing
    the history never loads them.

    :ivar layout: ``(before, after)`` layout names, or None when unchanged.
    :ivar widgets: widget id -> ``(before, after)``: for an added widget
        ``(None, state)``, for a removed one ``(state, None)``, otherwise the
        changed attributes only; a state is a dict of ``type``, ``settings``,
        ``slot`` and ``position``, where ``settings`` is the widget's
        :class:`SettingsRecord` (a reference, not a copy) or, in records of
        earlier releases and of whole-state diffs, a dict (see
        :func:`settings_of`).
    """

    def __init__(self, layout: tuple | None, widgets: dict):
        self.layout = layout
        self.widgets = widgets

    def __getnewargs__(self):
        # The revision written on every save refers to it by a bare oid,
        # without the class's dotted name (about 60 bytes a save).
        return ()

    def __getstate__(self):
        return (self.layout, self.widgets)

    def __setstate__(self, state):
        layout, widgets = state
        super().__setstate__({"layout": layout, "widgets": widgets})


class RevisionRecord(Persistent):
    """One saved revision: a small header that links to the one before.

    :ivar number: the version the save produced.
    :ivar user: the id of the user who saved.
    :ivar time: when, in seconds since the epoch.
    :ivar action: what kind of save (``add``, ``replace``, ``restore``...).
    :ivar summary: counts of what changed, for the one-line summary.
    :ivar changes: the :class:`ChangesRecord`.
    :ivar previous: the revision before, None at the end of the kept chain.
    :ivar epoch: the storage's ``epoch`` when the save made it: with
        ``number``, the version (see :func:`version_token`).
    """

    epoch = None

    def __init__(
        self,
        number: int,
        user: str,
        time: float,
        action: str,
        summary: dict,
        changes: ChangesRecord,
        previous: "RevisionRecord | None",
        epoch: str | None = None,
    ):
        self.number = number
        self.user = user
        self.time = time
        self.action = action
        self.summary = summary
        self.changes = changes
        self.previous = previous
        self.epoch = epoch

    # Revisions are written on every save: their state is a tuple (no
    # attribute names), and references to them are bare oids (ZODB stores no
    # class with a reference to a class having __getnewargs__), which keeps
    # the root and each revision small. ``epoch`` is left out while None, as
    # in the storage's state.
    _fields = (
        "number",
        "user",
        "time",
        "action",
        "summary",
        "changes",
        "previous",
        "epoch",
    )

    def __getnewargs__(self):
        return ()

    def __getstate__(self):
        values = tuple(getattr(self, name) for name in self._fields)
        return values[:-1] if values[-1] is None else values

    def __setstate__(self, state):
        # A state without the last value (``epoch``) leaves its default.
        super().__setstate__(dict(zip(self._fields, state, strict=False)))


def version_token(number: int, epoch: str | None) -> str:
    """The version token of a stored arrangement or of a revision.

    :param number: the counter the save left.
    :param epoch: the storage's epoch then (see :func:`advance`).
    :returns: the counter as a string (``"7"``), followed by the epoch after
        a dot once the arrangement was rewound (``"7.03f1c2a4b5d6e7f8"``).
    """
    return str(number) if epoch is None else f"{number}.{epoch}"


def advance(
    storage: ArrangementStorage, live: ArrangementStorage | None = None
) -> None:
    """Give ``storage`` the next version, one never given before.

    The counter goes on from ``live``'s (``storage`` itself by default; the
    storage a revert replaces, see
    :func:`~collective.composite.arrangement.revisions.continued`). Undo
    (Zope's, of the transaction of a save) rewinds the stored arrangement
    and its counter, and the next save would repeat a version an undone save
    gave to another arrangement: an editor holding it would have a stale save
    accepted, a browser holding the page's ETag would keep the undone page.
    So when the record was last written by a transaction other than the save
    of its newest revision, the versions start a new epoch, named by that
    transaction's id, which no other write has. Other such writes (the
    catalog's digest after an item the page shows changed) start one too,
    which costs nothing but a longer token.

    :param storage: the storage the save writes.
    :param live: the storage whose counter and epoch go on.
    """
    live = storage if live is None else live
    epoch = live.epoch
    if _rewound(live):
        epoch = live._p_serial.hex()
    storage.counter = live.counter + 1
    if storage.epoch != epoch:
        storage.epoch = epoch


def _rewound(storage: ArrangementStorage) -> bool:
    """Whether the committed record of ``storage`` was written by another
    transaction than the one that made its newest revision (both committed:
    several saves in one transaction write only new objects meanwhile)."""
    serial = storage._p_serial
    if serial == z64:
        return False
    head = storage.head
    if head is None:
        # A page saved before revisions were kept, or one whose first
        # revision was undone.
        return storage.counter > 0
    head._p_activate()
    return head._p_serial not in (z64, serial)


def find(context) -> ArrangementStorage | None:
    """The stored arrangement of ``context``, without creating anything.

    :param context: a composite-enabled content object.
    :returns: the storage, or None when the page was never arranged.
    """
    return IAnnotations(context).get(KEY)


def ensure(context, layout: str) -> ArrangementStorage:
    """The stored arrangement of ``context``, created on first use.

    :param context: a composite-enabled content object.
    :param layout: the layout name a new storage starts with.
    :returns: the storage.
    """
    annotations = IAnnotations(context)
    storage = annotations.get(KEY)
    if storage is None:
        storage = annotations[KEY] = ArrangementStorage(layout)
    return storage


def indexed_digest(context) -> bytes | None:
    """The digests of what the catalog last indexed of ``context`` (see
    :mod:`collective.composite.catalog.indexers`).

    :param context: a composite-enabled content object.
    :returns: what :func:`remember_indexed_digest` was given; None before the
        first indexing, or for a page never arranged.
    """
    storage = find(context)
    return None if storage is None else storage.indexed_digest


def remember_indexed_digest(context, digest: bytes) -> None:
    """Remember the digests of what the catalog just indexed of ``context``.

    It is no change of the arrangement: no version, revision or event. A page
    never arranged keeps nothing (its index holds nothing of an arrangement).

    :param context: a composite-enabled content object.
    :param digest: the digests of the indexed values (bytes).
    """
    storage = find(context)
    if storage is not None:
        storage.indexed_digest = digest


def storage_token(context) -> tuple:
    """A value that differs whenever the stored arrangement of ``context``
    may differ within a process: another storage object (a revert with the
    content, a new page) or another version. For memos that must not
    outlive a save.

    :param context: a composite-enabled content object.
    :returns: a hashable token.
    """
    storage = find(context)
    if storage is None:
        return (None, "0")
    return (id(storage), version_token(storage.counter, storage.epoch))
