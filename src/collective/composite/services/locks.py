"""The ``409 Locked`` refusals: of a lock request, or of a write while
someone else holds the design lock (see
:mod:`collective.composite.arrangement.locking`)."""

from collective.composite import _
from collective.composite.exceptions import LockedByOther
from collective.composite.refusals import Refusal
from collective.composite.serializers import lock_data
from collective.composite.serializers import lock_holder


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
            mapping=lock_holder(holder, error.info),
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
            mapping=lock_holder(holder, error.info),
        )
    else:
        message = _(
            "${name} is designing this page since ${time}: your change is not "
            "saved. This lock cannot be taken over; send it again once they "
            "are done.",
            mapping=lock_holder(holder, error.info),
        )
    return Refusal(409, "Locked", message, lock=holder)
