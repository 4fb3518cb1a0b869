"""The design lock as the services give it: its JSON (``GET @composite-lock``)
and the ``409 Locked`` refusal, of a lock request or of a write while someone
else holds the lock (see :mod:`collective.composite.arrangement.locking`)."""

from collective.composite import _
from collective.composite.arrangement.locking import LockInfo
from collective.composite.exceptions import LockedByOther
from collective.composite.services.refusals import Refusal
from datetime import datetime
from plone import api
from zoneinfo import ZoneInfo
from zoneinfo import ZoneInfoNotFoundError


def lock_data(context, info: LockInfo) -> dict:
    """The lock as the service gives it: ``locked``, ``mine``, ``stealable``,
    ``creator`` (``id``, ``fullname``) and ``time`` (ISO 8601) of the holder."""
    data = {
        "@id": f"{context.absolute_url()}/@composite-lock",
        "supported": info.supported,
        "locked": info.locked,
        "mine": info.mine,
        "stealable": info.stealable,
        "creator": None,
        "time": info.time.isoformat() if info.time is not None else None,
    }
    if info.creator is not None:
        user = api.user.get(userid=info.creator)
        fullname = user.getProperty("fullname") if user is not None else ""
        data["creator"] = {"id": info.creator, "fullname": fullname or info.creator}
    return data


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


def locked(context, error: LockedByOther) -> Refusal:
    """409 to a lock request: someone else holds the lock; the message says
    who and since when (localized), ``lock`` gives the lock as ``GET`` does
    (``time`` in ISO)."""
    holder = lock_data(context, error.info)
    return Refusal(
        409,
        "Locked",
        _(
            "${name} is designing this page since ${time}.",
            mapping=_holder(holder, error.info),
        ),
        lock=holder,
    )


def write_locked(context, error: LockedByOther) -> Refusal:
    """409 to a write (``PATCH @composite``, an import, a restore) while
    someone else holds the lock: as :func:`locked`, and the message says how
    to take the lock over, or that it cannot be."""
    holder = lock_data(context, error.info)
    if error.info.stealable:
        message = _(
            "${name} is designing this page since ${time}: your change is not "
            "saved. Take over the design lock first (POST @composite-lock with "
            '{"takeover": true}, or Take over in design mode), then send it '
            "again.",
            mapping=_holder(holder, error.info),
        )
    else:
        message = _(
            "${name} is designing this page since ${time}: your change is not "
            "saved. This lock cannot be taken over; send it again once they "
            "are done.",
            mapping=_holder(holder, error.info),
        )
    return Refusal(409, "Locked", message, lock=holder)


def _holder(holder: dict, info: LockInfo) -> dict:
    """The ``name`` and ``time`` of the lock's messages."""
    return {
        "name": holder["creator"]["fullname"] if holder["creator"] else "?",
        "time": localized_time(info.time),
    }
