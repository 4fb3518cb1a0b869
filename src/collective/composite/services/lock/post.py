"""``POST @composite-lock``: take, refresh or take over the design lock."""

from collective.composite import _
from collective.composite.arrangement import locking
from collective.composite.exceptions import LockedByOther
from collective.composite.refusals import invalid
from collective.composite.serializers import lock_data
from collective.composite.services.base import CompositeService
from collective.composite.services.locks import locked


class LockPost(CompositeService):
    """Answer ``POST @composite-lock``: take the lock, or refresh one's own;
    ``{"takeover": true}`` takes it from another editor. 409 when someone else
    holds it (and it is not taken over). The body is optional: a ``POST``
    with neither body nor ``Content-Type`` takes or refreshes the lock."""

    body_optional = True

    def answer(self) -> dict:
        self.check_csrf()
        body = self.read_body()
        take_over = body.get("takeover", False)
        if not isinstance(take_over, bool) or set(body) - {"takeover"}:
            raise invalid(_('The body is {} or {"takeover": true}.'), field="takeover")
        try:
            info = locking.lock(self.context, take_over=take_over)
        except LockedByOther as error:
            raise locked(self.context, error) from None
        return lock_data(self.context, info)

    def read_body(self) -> dict:
        """:returns: the body, ``{}`` for none."""
        declared = self.request.getHeader("Content-Length") or "0"
        if declared == "0":
            return {}
        return super().read_body()
