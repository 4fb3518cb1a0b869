"""Collect in the transaction, act once before it commits.

Some catalog work is best done once per transaction, when all its changes
are known: the pages showing changed items are told of them
(:mod:`~collective.composite.catalog.shown_items`), a page indexed before
the items it shows is indexed again once they are in the catalog
(:mod:`~collective.composite.catalog.indexers`). Each collects what to act
on in a dict kept in the transaction (:func:`collecting`); one before-commit
hook per transaction and kind of work acts on it.

The dict lives as long as the transaction: an abort drops it with its hook,
a savepoint's rollback leaves it as it is (what was collected before the
savepoint may be gone by the commit: the work looks again). Once the work
has started, nothing more is collected in that transaction.
"""

from collections.abc import Callable

import transaction


def collecting(key: object, act: Callable[..., None], *args) -> dict | None:
    """The dict in which the current transaction collects ``key``'s work.

    The first call in a transaction creates it (empty) and has
    ``act(*args, collected)`` called with it once, just before the
    transaction commits; later calls return the same dict.

    :param key: what tells this work from others in the transaction's data:
        an object of the caller's own, the same at every call.
    :param act: does the work on what was collected.
    :param args: passed to ``act`` first, as given at the first call.
    :returns: the dict to collect into; None once ``act`` started (it would
        not see what is collected then).
    """
    current = transaction.get()
    try:
        return current.data(key)
    except KeyError:
        collected = {}
        current.set_data(key, collected)
        current.addBeforeCommitHook(_act, (key, act, args, collected))
        return collected


def _act(key: object, act: Callable[..., None], args: tuple, collected: dict) -> None:
    """The before-commit hook: mark the work started, then do it.

    :param key: as given to :func:`collecting`.
    :param act: does the work.
    :param args: the arguments of the first :func:`collecting` call.
    :param collected: what the transaction collected.
    """
    # Marked first: whatever ``act`` changes is not collected again (no hook
    # would act on it).
    transaction.get().set_data(key, None)
    act(*args, collected)
