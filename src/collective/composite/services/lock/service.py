"""``@composite-lock``: read, take, refresh, take over and release the design
lock. Design mode takes it on opening, refreshes it while open and releases it
on leaving; see :mod:`collective.composite.arrangement.locking`."""

from collective.composite import _
from collective.composite.arrangement import locking
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.services.composite.patch import invalid
from collective.composite.services.json_body import read_json_object
from collective.composite.services.locks import lock_data
from collective.composite.services.locks import locked
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import require
from collective.composite.services.writes import check_write
from plone.restapi.services import Service


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
        return read_json_object(self.request)


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
