"""``DELETE @composite-lock``: release one's own design lock."""

from collective.composite.arrangement import locking
from collective.composite.exceptions import LockedByOther
from collective.composite.serializers import lock_data
from collective.composite.services.base import CompositeService
from collective.composite.services.locks import locked


class LockDelete(CompositeService):
    """Answer ``DELETE @composite-lock``: release one's own lock; 409 when
    someone else holds it."""

    def answer(self) -> dict:
        self.check_csrf()
        try:
            info = locking.unlock(self.context)
        except LockedByOther as error:
            raise locked(self.context, error) from None
        return lock_data(self.context, info)
