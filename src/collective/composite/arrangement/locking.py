"""Design-mode locks: who is designing a page, since when, and taking over.

Design mode takes Plone's ordinary lock (plone.locking, the one the edit form
takes), so an editor opening the edit form or design mode while someone else
designs the page is told who and since when. While someone holds the lock, the
arrangement API refuses everybody else's writes (:func:`check_unlocked`, which
every write calls); they take the lock over first (:func:`lock` with
``take_over``), as design mode's *Take over* does. A site whose setting
``collective.composite.lock_refuses_saves`` is off accepts those writes: the
version then tells the lock holder's editor, at its next save, that the
arrangement changed meanwhile (a conflict to merge). The lock expires on its own
(plone.locking's timeout) unless the editor refreshes it. Content that cannot
be locked (a type without the *Locking* behavior) is designed without a lock.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from collective.composite.arrangement.rights import check_may_design
from collective.composite.exceptions import LockedByOther
from collective.composite.interfaces import DESIGN_PERMISSION
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone
from plone import api
from plone.locking.interfaces import ILockable
from plone.locking.interfaces import STEALABLE_LOCK


REFUSES_SAVES_RECORD = "collective.composite.lock_refuses_saves"


@dataclass(frozen=True)
class LockInfo:
    """The design lock of a page, as the current user sees it.

    :ivar supported: whether the page can be locked at all.
    :ivar locked: whether someone holds a lock on it.
    :ivar creator: the id of the user holding it.
    :ivar time: when it was taken or last refreshed.
    :ivar mine: whether the current user holds it.
    :ivar stealable: whether the current user may take it over.
    :ivar refuses_saves: whether the lock refuses the saves of everyone but
        its holder (the site's setting, :func:`lock_refuses_saves`); when
        false, it only tells who is designing.
    """

    supported: bool
    locked: bool = False
    creator: str | None = None
    time: datetime | None = None
    mine: bool = False
    stealable: bool = False
    refuses_saves: bool = True


def get_lock(context) -> LockInfo:
    """:returns: the lock of ``context`` as the current user sees it."""
    lockable = ILockable(context, None)
    if lockable is None:
        return LockInfo(supported=False)
    infos = lockable.lock_info()
    refuses_saves = lock_refuses_saves()
    if not infos:
        return LockInfo(supported=True, stealable=True, refuses_saves=refuses_saves)
    info = infos[0]
    user_id = getSecurityManager().getUser().getId()
    return LockInfo(
        supported=True,
        locked=True,
        creator=info["creator"],
        time=datetime.fromtimestamp(info["time"], timezone.utc)
        if info["time"]
        else None,
        mine=info["creator"] is not None and info["creator"] == user_id,
        stealable=bool(lockable.stealable(STEALABLE_LOCK)),
        refuses_saves=refuses_saves,
    )


def lock(context, take_over: bool = False) -> LockInfo:
    """Lock the page for the current user, or refresh their lock.

    :param take_over: take the lock from whoever holds it, when it is
        stealable (Plone's ordinary locks are).
    :returns: the lock.
    :raises MayNotDesign: an ``Unauthorized``, without the design permission
        or *Modify portal content* (the page awaiting review, say: see
        :mod:`collective.composite.arrangement.rights`).
    :raises LockedByOther: when someone else holds it and ``take_over`` is
        false or the lock cannot be taken over.
    """
    check_may_design(context)
    info = get_lock(context)
    if not info.supported:
        return info
    lockable = ILockable(context)
    if info.mine:
        lockable.refresh_lock(STEALABLE_LOCK)
        return get_lock(context)
    if info.locked:
        if not (take_over and info.stealable):
            raise LockedByOther(info)
        lockable.unlock(STEALABLE_LOCK, stealable_only=True)
    lockable.lock(STEALABLE_LOCK)
    return get_lock(context)


def check_unlocked(context) -> None:
    """Refuse a write to ``context`` while someone else holds its lock.

    Every lock counts, whoever took it and how: design mode's, the classic
    edit form's (the same lock), a working copy's check-out. The current
    user's own lock does not, wherever they took it (another tab, the edit
    form); nor does a page without a lock, or one that cannot be locked; nor
    does any lock when the site's setting says locks do not refuse saves
    (:func:`lock_refuses_saves`).

    :param context: the page about to be written.
    :raises LockedByOther: naming the lock, when another user holds it.
    """
    info = get_lock(context)
    if info.locked and not info.mine and info.refuses_saves:
        raise LockedByOther(info)


def lock_refuses_saves() -> bool:
    """:returns: the setting ``collective.composite.lock_refuses_saves``; true
    (refuse) when the site lacks the record, as before the setting existed."""
    value = api.portal.get_registry_record(REFUSES_SAVES_RECORD, default=True)
    return value is not False


def unlock(context) -> LockInfo:
    """Release the current user's lock; someone else's is left alone. The
    design permission is enough: a page sent for review while its designer
    held the lock is released by them as any other.

    :returns: the lock afterwards.
    :raises Unauthorized: without the design permission.
    :raises LockedByOther: when someone else holds the lock.
    """
    _check_designer(context)
    info = get_lock(context)
    if info.locked and not info.mine:
        raise LockedByOther(info)
    if info.mine:
        ILockable(context).unlock(STEALABLE_LOCK, stealable_only=False)
    return get_lock(context)


def _check_designer(context) -> None:
    if not getSecurityManager().checkPermission(DESIGN_PERMISSION, context):
        raise Unauthorized(f"You may not design {context.absolute_url()}.")
