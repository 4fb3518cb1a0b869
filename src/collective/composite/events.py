"""Events of collective.composite."""

from collective.composite.interfaces import IArrangementModifiedEvent
from collective.composite.interfaces import IShownItemModifiedEvent
from zope.interface import implementer
from zope.interface.interfaces import ObjectEvent


@implementer(IArrangementModifiedEvent)
class ArrangementModifiedEvent(ObjectEvent):
    """Notified by the arrangement API after each successful save.

    :param object: the content object whose arrangement changed.
    :param old_version: the version before the save.
    :param new_version: the version after it.
    """

    def __init__(self, object, old_version: str, new_version: str):
        super().__init__(object)
        self.old_version = old_version
        self.new_version = new_version


@implementer(IShownItemModifiedEvent)
class ShownItemModifiedEvent(ObjectEvent):
    """Notified for each page showing items changed in a transaction, when it
    commits (see :mod:`collective.composite.catalog.shown_items`).

    :param object: the composite page.
    :param uids: the UIDs of the changed items it shows.
    """

    def __init__(self, object, uids: frozenset):
        super().__init__(object)
        self.uids = uids
