"""1008 to 1009: the history's retention has a ceiling."""

from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import MAX_HISTORY_RETENTION
from collective.composite.interfaces import SETTINGS_PREFIX
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


RETENTION_RECORD = f"{SETTINGS_PREFIX}.history_retention"


def upgrade(context) -> None:
    """Lower a retention above :data:`MAX_HISTORY_RETENTION` (1000) to it, as
    the history has read it since 1009, and bind the settings' records to
    their fields again, so that the record refuses a larger retention set by
    code too. The other values are kept.

    :param context: the portal_setup tool.
    """
    registry = getUtility(IRegistry)
    record = registry.records.get(RETENTION_RECORD)
    value = None if record is None else record.value
    number = isinstance(value, int) and not isinstance(value, bool)
    if number and value > MAX_HISTORY_RETENTION:
        # registerInterface would replace a value its field refuses with the
        # default (50): the site keeps the retention nearest its own.
        record.value = MAX_HISTORY_RETENTION
    # registerInterface keeps each record's value when it fits the field.
    registry.registerInterface(ICompositeSettings, prefix=SETTINGS_PREFIX)
