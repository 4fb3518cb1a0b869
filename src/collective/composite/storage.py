"""Where an arrangement is stored: one annotation, its own persistent objects.

The content object only gets a reference to an :class:`ArrangementStorage`, so
saving never rewrites the content object's record. Each widget is a small
persistent record of its own in a BTree, and its place in a slot is an ordering
key (see :mod:`collective.composite.positions`), so one change writes the root
(layout and version counter) and the one widget it touches, however many widgets
the page has. Only :mod:`collective.composite.arrangement` uses this module.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from zope.annotation.interfaces import IAnnotations


KEY = "collective.composite.arrangement"


class WidgetRecord(Persistent):
    """One widget: its type, settings, the slot it belongs to and its key there.

    ``slot`` is kept when a layout lacks it, which is what makes a widget
    "unplaced" and lets switching back restore it.
    """

    def __init__(self, type_name: str, settings: dict, slot: str, position: str):
        self.type = type_name
        self.settings = settings
        self.slot = slot
        self.position = position


class ArrangementStorage(Persistent):
    """The arrangement of one content object.

    :ivar layout: the layout name.
    :ivar counter: bumped on every save; its string form is the version.
    :ivar widgets: ``OOBTree`` of widget id to :class:`WidgetRecord`.
    """

    def __init__(self, layout: str):
        self.layout = layout
        self.counter = 0
        self.widgets = OOBTree()


def find(context) -> ArrangementStorage | None:
    """The stored arrangement of ``context``, without creating anything.

    :param context: a composite-enabled content object.
    :returns: the storage, or None when the page was never arranged.
    """
    return IAnnotations(context).get(KEY)


def ensure(context, layout: str) -> ArrangementStorage:
    """The stored arrangement of ``context``, created on first use.

    :param context: a composite-enabled content object.
    :param layout: the layout name a new storage starts with.
    :returns: the storage.
    """
    annotations = IAnnotations(context)
    storage = annotations.get(KEY)
    if storage is None:
        storage = annotations[KEY] = ArrangementStorage(layout)
    return storage
