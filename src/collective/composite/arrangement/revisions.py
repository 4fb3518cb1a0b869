"""Revisions: the record of every save, kept as deltas in a chain.

Each save appends one revision holding only what it changed (the touched
widgets and the layout, before and after), so a save writes little however
large the page and its history. An earlier state is worked out by undoing the
newer revisions' changes, newest first, from the current state. A changed
widget's settings are a new record, and the revision refers to the record
they replace, so a text change writes the new text once. Retention shows the
newest ``retention`` revisions; the chain behind them is cut now and then
(see :func:`record`), and what is cut off is no longer referenced and goes
at the next pack.

Only the arrangement package uses this module: its saves and a revert record
revisions, its history reads them.
"""

from AccessControl import getSecurityManager
from collections.abc import Iterator
from collections.abc import Mapping
from collective.composite.arrangement.storage import advance
from collective.composite.arrangement.storage import ArrangementStorage
from collective.composite.arrangement.storage import ChangesRecord
from collective.composite.arrangement.storage import RevisionRecord
from collective.composite.arrangement.storage import settings_of
from collective.composite.arrangement.storage import SettingsRecord
from collective.composite.arrangement.storage import WidgetRecord
from collective.composite.exceptions import UnknownRevision
from collective.composite.interfaces import MAX_HISTORY_RETENTION
from copy import deepcopy
from dataclasses import dataclass
from plone import api

import time


RETENTION_RECORD = "collective.composite.history_retention"
DEFAULT_RETENTION = 50
STATE_KEYS = ("type", "settings", "slot", "position")


@dataclass(frozen=True)
class WidgetState:
    """A widget as stored at some revision (the attributes of a WidgetRecord)."""

    type: str
    settings: dict
    slot: str
    position: str


@dataclass(frozen=True)
class State:
    """A whole stored arrangement at some revision.

    :ivar layout: the stored layout name.
    :ivar widgets: widget id -> :class:`WidgetState`.
    """

    layout: str
    widgets: dict[str, WidgetState]


def _as_dict(record) -> dict | None:
    if record is None:
        return None
    return {key: deepcopy(getattr(record, key)) for key in STATE_KEYS}


def _stored(record) -> dict | None:
    """A widget's state as a revision keeps it: a WidgetRecord's settings by
    reference to their (never changed) record, anything else copied."""
    if not isinstance(record, WidgetRecord):
        return _as_dict(record)
    settings = record.stored
    if not isinstance(settings, SettingsRecord):  # inline: saved before SettingsRecord
        settings = deepcopy(settings)
    return {
        "type": record.type,
        "settings": settings,
        "slot": record.slot,
        "position": record.position,
    }


def _state(stored: dict) -> dict:
    """The attributes of a :class:`WidgetState` of a kept state (a copy)."""
    return {
        key: deepcopy(settings_of(value) if key == "settings" else value)
        for key, value in stored.items()
    }


class Recorder:
    """Collects what one save changes: call :meth:`touch` before changing a
    widget; the layout is remembered when the recorder is made.

    :param storage: the storage before the save (None when never arranged).
    :param default_layout: the layout a never-arranged page shows.
    """

    def __init__(self, storage: ArrangementStorage | None, default_layout: str):
        self.layout = default_layout if storage is None else storage.layout
        self.before: dict[str, dict | None] = {}

    def touch(self, widget_id: str, record) -> None:
        """Remember a widget as it is before the save changes it.

        :param record: its WidgetRecord, or None for a widget being added.
        """
        if widget_id not in self.before:
            self.before[widget_id] = _stored(record)

    def changes(self, layout: str, records: Mapping) -> ChangesRecord:
        """The changes, comparing what was touched with how it is now.

        :param layout: the layout name now.
        :param records: widget id -> record (or WidgetState) now.
        """
        widgets = {}
        for widget_id, before in self.before.items():
            after = _stored(records.get(widget_id))
            if before == after:
                continue
            if before is not None and after is not None:
                keys = [key for key in STATE_KEYS if before[key] != after[key]]
                before = {key: before[key] for key in keys}
                after = {key: after[key] for key in keys}
            widgets[widget_id] = (before, after)
        changed = None if self.layout == layout else (self.layout, layout)
        return ChangesRecord(changed, widgets)


def summarize(changes: ChangesRecord) -> dict:
    """Counts of what changed: ``added``, ``removed``, ``moved``, ``changed``
    widgets and the new ``layout``; only what applies."""
    summary = {}
    for before, after in changes.widgets.values():
        if before is None:
            kind = "added"
        elif after is None:
            kind = "removed"
        elif "settings" in after:
            kind = "changed"
        else:
            kind = "moved"
        summary[kind] = summary.get(kind, 0) + 1
    if changes.layout is not None:
        summary["layout"] = changes.layout[1]
    return summary


def record(
    storage: ArrangementStorage,
    changes: ChangesRecord,
    action: str,
    *,
    cut: bool = True,
    **extra,
) -> RevisionRecord:
    """Append the revision of the save that brought ``storage`` to its
    current version, and cut the chain to the retention.

    :param changes: what the save changed.
    :param action: what kind of save it was.
    :param cut: whether to cut the chain to the retention now; without, the
        next save cuts it.
    :param extra: more summary entries (``restored``: a revision number...).
    :returns: the new revision.
    """
    user = getSecurityManager().getUser()
    revision = RevisionRecord(
        number=storage.counter,
        user=user.getId() or user.getUserName(),
        time=time.time(),
        action=action,
        summary={**summarize(changes), **extra},
        changes=changes,
        previous=storage.head,
        epoch=storage.epoch,
    )
    storage.head = revision
    storage.kept += 1
    retention = retention_limit()
    if cut and storage.kept > retention + slack(retention):
        # Cutting rewrites the revision that becomes the oldest (one small
        # header, its changes stay as they are) and reads the chain down to
        # it: done once every slack(retention) saves, not on every save of
        # an old page. Readers stop at the retention (see chain()).
        oldest = revision
        for _step in range(retention - 1):
            oldest = oldest.previous
        oldest.previous = None
        storage.kept = retention
    return revision


def slack(retention: int) -> int:
    """How many revisions past the retention the chain may hold before it is
    cut: a fifth of it, at least one.

    :param retention: how many revisions a page shows.
    """
    return max(1, retention // 5)


def continued(
    live: ArrangementStorage, state: State, action: str, **extra
) -> ArrangementStorage:
    """A new storage holding ``state`` as the next revision of ``live``'s
    history, leaving ``live`` and its revisions as they are (what a revert
    with the content stores, see
    :mod:`collective.composite.arrangement.versioning`): the counter goes on,
    the revision records what changed from ``live``. The chain is cut to the
    retention by the next save.

    :param live: the storage now.
    :param state: the arrangement to hold.
    :param action: what kind of save the revision records.
    :param extra: more summary entries.
    :returns: the new storage, referenced by nothing yet.
    """
    storage = ArrangementStorage(state.layout)
    for widget_id, widget in state.widgets.items():
        storage.widgets[widget_id] = WidgetRecord(
            widget.type, deepcopy(widget.settings), widget.slot, widget.position
        )
    advance(storage, live)
    storage.head = live.head
    storage.kept = live.kept
    changes = diff(current_state(live, live.layout), state)
    record(storage, changes, action, cut=False, **extra)
    return storage


def retention_limit() -> int:
    """:returns: how many revisions a page keeps, from the registry: at least
    1, at most :data:`~collective.composite.interfaces.MAX_HISTORY_RETENTION`."""
    value = api.portal.get_registry_record(RETENTION_RECORD, default=DEFAULT_RETENTION)
    value = value if isinstance(value, int) else DEFAULT_RETENTION
    # The form and @controlpanels refuse more, but a site older than the bound
    # (before upgrade 1009), code or a registry.xml may store it: every list
    # and every cut would read that many revisions.
    return min(max(1, value), MAX_HISTORY_RETENTION)


def chain(storage: ArrangementStorage | None) -> Iterator[RevisionRecord]:
    """:returns: the kept revisions, newest first: at most the retention,
    even while the stored chain is longer (see :func:`record`)."""
    revision = None if storage is None else storage.head
    left = retention_limit() if revision is not None else 0
    while revision is not None and left > 0:
        yield revision
        revision = revision.previous
        left -= 1


def current_state(storage: ArrangementStorage | None, default_layout: str) -> State:
    """:returns: the stored arrangement as a :class:`State`."""
    if storage is None:
        return State(default_layout, {})
    return State(
        storage.layout,
        {
            widget_id: WidgetState(**_as_dict(record))
            for widget_id, record in storage.widgets.items()
        },
    )


def undo(state: State, changes: ChangesRecord) -> State:
    """:returns: ``state`` as it was before ``changes``."""
    widgets = dict(state.widgets)
    for widget_id, (before, after) in changes.widgets.items():
        if before is None:
            widgets.pop(widget_id, None)
        elif after is None or widget_id not in widgets:
            widgets[widget_id] = WidgetState(**_state(before))
        else:
            current = widgets[widget_id]
            widgets[widget_id] = WidgetState(**{**vars(current), **_state(before)})
    layout = state.layout if changes.layout is None else changes.layout[0]
    return State(layout, widgets)


def state_at(
    storage: ArrangementStorage | None, number: int, default_layout: str
) -> tuple[RevisionRecord, State]:
    """Work out the arrangement as revision ``number`` left it.

    :returns: the revision and the state.
    :raises UnknownRevision: when no kept revision has that number.
    """
    state = current_state(storage, default_layout)
    for revision in chain(storage):
        if revision.number == number:
            return revision, state
        if revision.number < number:
            break
        state = undo(state, revision.changes)
    raise UnknownRevision(number)


def diff(before: State, after: State) -> ChangesRecord:
    """:returns: the changes that turn one whole state into another."""
    recorder = Recorder(None, before.layout)
    recorder.before = {
        widget_id: _as_dict(widget) for widget_id, widget in before.widgets.items()
    }
    for widget_id in after.widgets:
        recorder.before.setdefault(widget_id, None)
    return recorder.changes(after.layout, after.widgets)
