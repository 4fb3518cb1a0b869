"""``@composite-lock``: read, take, refresh, take over and release the design
lock. Design mode takes it on opening, refreshes it while open and releases it
on leaving; see :mod:`collective.composite.locking`."""

from collective.composite import _
from collective.composite import locking
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.services.composite.patch import invalid
from collective.composite.services.composite.patch import max_payload_bytes
from collective.composite.services.composite.patch import read_json_object
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import require
from collective.composite.services.writes import check_write
from datetime import datetime
from plone import api
from plone.restapi.services import Service
from zoneinfo import ZoneInfo
from zoneinfo import ZoneInfoNotFoundError


def lock_data(context, info: locking.LockInfo) -> dict:
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


def locked(context, error: locking.LockedByOther) -> Refusal:
    """409: someone else holds the lock; the message says who and since when
    (localized), ``lock`` gives the lock as ``GET`` does (``time`` in ISO)."""
    holder = lock_data(context, error.info)
    return Refusal(
        409,
        "Locked",
        _(
            "${name} is designing this page since ${time}.",
            mapping={
                "name": holder["creator"]["fullname"] if holder["creator"] else "?",
                "time": localized_time(error.info.time),
            },
        ),
        lock=holder,
    )


class LockGet(Service):
    """Answer ``GET @composite-lock``: who holds the lock and since when."""

    def reply(self) -> dict:
        try:
            require(DESIGN_PERMISSION, self.context)
        except Refusal as refusal:
            return refusal.respond(self.request)
        return lock_data(self.context, locking.get_lock(self.context))


class LockPost(Service):
    """Answer ``POST @composite-lock``: take the lock, or refresh one's own;
    ``{"takeover": true}`` takes it from another editor. 409 when someone else
    holds it (and it is not taken over)."""

    def reply(self) -> dict:
        try:
            require(DESIGN_PERMISSION, self.context)
            check_write(self.request)
            body = self.body()
            take_over = body.get("takeover", False)
            if not isinstance(take_over, bool) or set(body) - {"takeover"}:
                raise invalid(
                    _('The body is {} or {"takeover": true}.'), field="takeover"
                )
            try:
                info = locking.lock(self.context, take_over=take_over)
            except locking.LockedByOther as error:
                raise locked(self.context, error) from None
        except Refusal as refusal:
            return refusal.respond(self.request)
        return lock_data(self.context, info)

    def body(self) -> dict:
        declared = self.request.getHeader("Content-Length") or "0"
        if declared == "0":
            return {}
        return read_json_object(self.request, max_payload_bytes())


class LockDelete(Service):
    """Answer ``DELETE @composite-lock``: release one's own lock; 409 when
    someone else holds it."""

    def reply(self) -> dict:
        try:
            require(DESIGN_PERMISSION, self.context)
            check_write(self.request)
            try:
                info = locking.unlock(self.context)
            except locking.LockedByOther as error:
                raise locked(self.context, error) from None
        except Refusal as refusal:
            return refusal.respond(self.request)
        return lock_data(self.context, info)
