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

Reading the lock writes nothing: plone.locking's ``lock_info()`` deletes the
expired locks it comes across, so a read of a page whose lock expired would be
a write, and two instances polling it at once would conflict. An expired lock
reads as no lock (:func:`get_lock`); it is deleted at the next write
(:func:`check_unlocked`, :func:`lock`, :func:`unlock`).
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
from plone.locking.lockable import TTWLockable


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
    """:returns: the lock of ``context`` as the current user sees it; an
    expired lock is no lock. Writes nothing (see :class:`ReadingLockable`)."""
    return _lock_of(context, _reading(ILockable(context, None)))


def _lock_of(context, lockable) -> LockInfo:
    """:returns: the lock of ``context`` as ``lockable`` (None: cannot be
    locked) tells it to the current user."""
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


class ReadingLockable(TTWLockable):
    """plone.locking's lockable, whose ``lock_info()`` (and so ``locked()``,
    ``stealable()``, ``can_safely_unlock()``) skips expired locks instead of
    deleting them: a read that writes nothing. For reading only; its
    ``lock()`` would stack a lock on an expired one."""

    def lock_info(self) -> list[dict]:
        """As ``TTWLockable.lock_info()``, without its clean-up.

        :returns: the valid locks: ``creator``, ``time``, ``token``, ``type``.
        """
        types = {value["token"]: value["type"] for value in self._locks(False).values()}
        infos = []
        # Zope's WriteLock API: without ``killinvalids``, nothing is deleted.
        for item in self.context.wl_lockValues():
            if not item.isValid():
                continue
            creator = item.getCreator()
            token = item.getLockToken()
            infos.append(
                {
                    # None when an anonymous user took the lock
                    "creator": creator[1] if creator is not None else None,
                    "time": item.getModifiedTime(),
                    "token": token,
                    "type": types.get(token),
                }
            )
        return infos


def _reading(lockable):
    """:returns: ``lockable`` as a :class:`ReadingLockable` when it is
    plone.locking's own (whose storage we know), else as it is."""
    if type(lockable) is TTWLockable:
        return ReadingLockable(lockable.context)
    return lockable


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

    Being part of a write, it deletes expired locks as plone.locking does
    (:func:`get_lock`, for reads, does not).

    :param context: the page about to be written.
    :raises LockedByOther: naming the lock, when another user holds it.
    """
    info = _lock_of(context, ILockable(context, None))
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
