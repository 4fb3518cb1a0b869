"""1003 to 1004: the settings "Types that may be composite" and "The design
lock refuses other users' saves"."""

from collective.composite.controlpanel.composite_types import composite_type_names
from collective.composite.controlpanel.composite_types import TYPES_RECORD
from collective.composite.interfaces import COMPOSITE_PAGE_TYPE
from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import SETTINGS_PREFIX
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def upgrade(context) -> None:
    """Add the records ``collective.composite.composite_types`` and
    ``collective.composite.lock_refuses_saves`` (on: the lock refuses other
    users' saves, as before), keeping the other records' values. The types
    are the ones that have the composite behavior now, whoever gave it to
    them, plus Composite Page: nothing changes on the site.

    :param context: the portal_setup tool.
    """
    getUtility(IRegistry).registerInterface(ICompositeSettings, prefix=SETTINGS_PREFIX)
    names = composite_type_names()
    if COMPOSITE_PAGE_TYPE in api.portal.get_tool("portal_types").objectIds():
        names = list(dict.fromkeys([COMPOSITE_PAGE_TYPE, *names]))
    api.portal.set_registry_record(TYPES_RECORD, names)
