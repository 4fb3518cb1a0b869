"""``GET @composite-lock``: who holds the design lock and since when."""

from collective.composite.arrangement import locking
from collective.composite.serializers import lock_data
from collective.composite.services.base import CompositeService


class LockGet(CompositeService):
    """Answer ``GET @composite-lock`` with :func:`lock_data`."""

    def answer(self) -> dict:
        return lock_data(self.context, locking.get_lock(self.context))
