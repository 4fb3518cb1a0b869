"""The JSON of the add-on's resources, as the REST services answer them and
design mode starts from them: an arrangement (``@composite``, an export, a
revision's), the design lock and a revision.

The services and design mode's views both use these; nothing here checks
permissions or reads requests' bodies.
"""

from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.arrangement.locking import LockInfo
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.widgets.types import get_widget_type
from datetime import datetime
from datetime import timezone
from itertools import chain
from plone import api
from plone.restapi.serializer.converters import json_compatible
from plone.uuid.interfaces import IUUID
from zoneinfo import ZoneInfo
from zoneinfo import ZoneInfoNotFoundError

import logging


logger = logging.getLogger("collective.composite")


# The format of ``GET @composite-export``, which ``POST @composite-import`` takes.
EXPORT_FORMAT = "collective.composite.arrangement/1"


# --- arrangements --------------------------------------------------------------


def widget_data(widget: arrangement.Widget, readers_of=None) -> dict:
    """:func:`arrangement.entry_data`, with settings made JSON-compatible.

    :param widget: a widget read from a page.
    :param readers_of: the page, when the settings are for people who may
        view it but not design it (its type's ``settings_for_readers``);
        None for the settings as stored.
    :returns: its ``id``, ``type`` and ``settings``.
    """
    entry = arrangement.entry_data(widget)
    if readers_of is not None:
        entry["settings"] = _settings_for_readers(widget, readers_of)
    settings = entry["settings"]
    # Stored settings are JSON data already (the API stores nothing else):
    # plone.restapi's converter, an adapter lookup per value, is only for
    # anything else.
    if not is_json(settings):
        entry["settings"] = json_compatible(settings)
    return entry


def _settings_for_readers(widget: arrangement.Widget, context) -> dict:
    try:
        renderer = get_widget_type(widget.type).renderer
    except UnknownWidgetType:
        # Visitors see nothing of a widget of a type gone from the
        # configuration; its settings cannot be made safe to show either.
        return {}
    try:
        return dict(renderer.settings_for_readers(widget.settings, context))
    except Exception:
        # As when it fails to render: nothing of it for readers, and the
        # rest of the page as usual.
        logger.exception("Cannot show the %r widget %s", widget.type, widget.id)
        return {}


_JSON_SCALARS = frozenset((str, int, float, bool, type(None)))


def is_json(value) -> bool:
    """Whether ``value`` is made of JSON types only, exactly (dicts with string
    keys, lists, strings, numbers, booleans, None): such a value needs no
    conversion. A subclass (a translatable message is a ``str``) is not.

    :param value: any value.
    :returns: whether ``json.dumps`` gives it as plone.restapi's converter would.
    """
    kind = type(value)
    if kind in _JSON_SCALARS:
        return True
    if kind is list:
        return all(is_json(item) for item in value)
    if kind is dict:
        return all(type(key) is str and is_json(item) for key, item in value.items())
    return False


def arrangement_data(state: arrangement.Arrangement) -> dict:
    """An arrangement as :func:`arrangement.save` takes it back, JSON-ready.

    :returns: ``layout``, ``slots`` (slot name -> widgets ``id``, ``type``,
        ``settings``) and ``unplaced`` (widgets with their ``slot``).
    """
    return arrangement.to_data(state, widget_data)


def composite_data(context, for_readers: bool = False) -> dict:
    """The arrangement of ``context`` as the ``@composite`` resource.

    Each widget lists the content its settings refer to under ``references``:
    UID to ``{"@id", "title", "@type"}``, or ``null`` when the item is gone or
    the current user may not see it. All of them are looked up in one query.
    Readers get neither the UIDs nor the references of the items they may not
    see (see :func:`without_hidden`).

    :param context: a composite-enabled content object.
    :param for_readers: whether the settings are for people who may view the
        page but not design it (see :func:`widget_data`).
    :returns: a JSON-compatible dict.
    """
    state = arrangement.get(context)
    uids = {widget.id: _referenced_uids(widget) for widget in state.widgets}
    referenced = set(chain.from_iterable(uids.values()))
    found = _find(referenced)
    hidden = referenced - found.keys() if for_readers else set()

    readers_of = context if for_readers else None

    def entry(widget) -> dict:
        data = widget_data(widget, readers_of)
        data["settings"] = without_hidden(data["settings"], hidden)
        data["references"] = {
            uid: found.get(uid) for uid in uids[widget.id] if uid not in hidden
        }
        return data

    url = context.absolute_url()
    return {
        "@id": f"{url}/@composite",
        "version": state.version,
        **arrangement.to_data(state, entry),
        "layouts": {"@id": f"{url}/@composite-layouts"},
    }


def without_hidden(settings: dict, hidden: set[str]) -> dict:
    """``settings`` without the UIDs of items the reader may not see.

    Plone's ``resolveuid`` sends anyone to the URL of any item, private or
    not, so a UID would tell a visitor the address (often the title) of a
    private item the real view does not show them (it shows them nothing of
    such a widget). A setting holding such a UID is left out, and so is such
    a UID in a setting's list.

    :param settings: a widget's settings, JSON-ready.
    :param hidden: the UIDs the reader may not see (or that are gone).
    :returns: the settings, the same dict when nothing is hidden.
    """
    if not hidden:
        return settings
    kept = {}
    for name, value in settings.items():
        if isinstance(value, str) and value in hidden:
            continue
        if isinstance(value, list):
            value = [
                item for item in value if not (isinstance(item, str) and item in hidden)
            ]
        kept[name] = value
    return kept


def _referenced_uids(widget) -> list[str]:
    try:
        widget_type = get_widget_type(widget.type)
    except UnknownWidgetType:
        # A type removed from the configuration since; its widget still reads.
        return []
    return list(widget_type.references(widget.settings))


def _find(uids: set[str]) -> dict[str, dict]:
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    return {
        brain.UID: {
            "@id": brain.getURL(),
            "title": brain.Title,
            "@type": brain.portal_type,
        }
        for brain in catalog(UID=sorted(uids))
    }


def export_data(context, for_readers: bool = False) -> dict:
    """The arrangement of ``context`` as ``GET @composite-export`` gives it:
    :data:`EXPORT_FORMAT`, where it comes from and when, and the arrangement
    (:func:`arrangement_data`; with ``for_readers``, the settings as people
    who may not design the page see them, see :func:`widget_data`, without
    the UIDs of items they may not see, see :func:`without_hidden`)."""
    readers_of = context if for_readers else None
    state = arrangement.get(context)
    hidden = set()
    if for_readers:
        referenced = set(chain.from_iterable(map(_referenced_uids, state.widgets)))
        hidden = referenced - _find(referenced).keys()

    def entry(widget) -> dict:
        data = widget_data(widget, readers_of)
        data["settings"] = without_hidden(data["settings"], hidden)
        return data

    return {
        "format": EXPORT_FORMAT,
        "source": {
            "@id": context.absolute_url(),
            "UID": IUUID(context, None),
            "title": context.Title(),
        },
        "exported": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **arrangement.to_data(state, entry),
    }


# --- the design lock -------------------------------------------------------------


def lock_data(context, info: LockInfo) -> dict:
    """The lock as ``GET @composite-lock`` gives it: ``locked``, ``mine``,
    ``stealable``, ``refuses_saves`` (whether it refuses everyone else's
    saves, the site's setting), ``creator`` (``id``, ``fullname``) and
    ``time`` (ISO 8601) of the holder."""
    data = {
        "@id": f"{context.absolute_url()}/@composite-lock",
        "supported": info.supported,
        "locked": info.locked,
        "mine": info.mine,
        "stealable": info.stealable,
        "refuses_saves": info.refuses_saves,
        "creator": None,
        "time": info.time.isoformat() if info.time is not None else None,
    }
    if info.creator is not None:
        user = api.user.get(userid=info.creator)
        fullname = user.getProperty("fullname") if user is not None else ""
        data["creator"] = {"id": info.creator, "fullname": fullname or info.creator}
    return data


def lock_holder(data: dict, info: LockInfo) -> dict[str, str]:
    """Who holds the lock and since when, for people: the ``name`` and
    ``time`` the lock's messages are filled with.

    :param data: the lock as :func:`lock_data` gives it.
    :param info: the lock.
    """
    return {
        "name": data["creator"]["fullname"] if data["creator"] else "?",
        "time": localized_time(info.time),
    }


def site_time(when: datetime) -> datetime:
    """``when`` in the site's time zone (``plone.portal_timezone``), or in the
    server's when the site has none (as Plone's event dates fall back)."""
    name = api.portal.get_registry_record("plone.portal_timezone", default=None)
    try:
        return when.astimezone(ZoneInfo(name)) if name else when.astimezone()
    except (ZoneInfoNotFoundError, ValueError):
        return when.astimezone()


def localized_time(when: datetime | None) -> str:
    """``when`` for people, as Plone shows times: its long date format in the
    request's language, in the site's time zone; "?" for no time."""
    if when is None:
        return "?"
    # Plone's formatting (DateTime.strftime) writes a time in the server's
    # zone; a zone-less time is written as it is, so give it the site's clock.
    return api.portal.get_localized_time(
        site_time(when).replace(tzinfo=None), long_format=True
    )


# --- revisions -------------------------------------------------------------------


def revision_data(context, revision: history.Revision, request) -> dict:
    """A revision as ``GET @composite-history`` lists it.

    :returns: ``@id``, ``number``, ``version``, ``time`` (ISO 8601, UTC),
        ``user`` (``id`` and ``fullname``), ``action``, ``summary`` (a
        translated line) and ``changes`` (the counts behind it).
    """
    user = api.user.get(userid=revision.user)
    fullname = (user.getProperty("fullname") if user is not None else "") or ""
    return {
        "@id": f"{context.absolute_url()}/@composite-history/{revision.number}",
        "number": revision.number,
        "version": revision.version,
        "time": revision.time.isoformat(),
        "user": {"id": revision.user, "fullname": fullname or revision.user},
        "action": revision.action,
        "summary": history.describe(revision, request, context),
        "changes": dict(revision.summary),
    }
