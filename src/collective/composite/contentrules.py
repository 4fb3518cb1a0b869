"""Plone's content rules on *Object modified* run when a page's arrangement
is saved.

A save notifies no ``IObjectModifiedEvent`` (it does not touch the page's own
record, see :class:`~collective.composite.interfaces.IArrangementModifiedEvent`),
yet to the editor who set up a rule "mail the webmaster when a page of this
folder is modified", a page arranged anew is modified. So the rules on that
trigger are run with a modified event of the page, which is given to them
alone and notified to no other subscriber: the page keeps its modification
date and catalog entry, as after any save. Plone runs a rule once per object
and request, so a request that edits the page and saves its arrangement runs
it once.
"""

from collective.composite.interfaces import IArrangementModifiedEvent
from collective.composite.interfaces import ICompositeEnabled
from plone.app.contentrules.handlers import execute_rules
from zope.component import adapter
from zope.lifecycleevent import ObjectModifiedEvent


@adapter(ICompositeEnabled, IArrangementModifiedEvent)
def run_modified_rules(page, event) -> None:
    """Run the content rules on *Object modified* that apply to ``page``
    (those of its folder and, where they bubble, of the folders above).

    :param page: the composite page whose arrangement was saved.
    :param event: the arrangement's modified event.
    """
    execute_rules(ObjectModifiedEvent(page))
