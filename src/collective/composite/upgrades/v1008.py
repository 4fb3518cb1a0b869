"""1007 to 1008: the payload limit has a floor."""

from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import MIN_PAYLOAD_BYTES
from collective.composite.interfaces import SETTINGS_PREFIX
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PAYLOAD_RECORD = f"{SETTINGS_PREFIX}.max_payload_bytes"


def upgrade(context) -> None:
    """Raise a payload limit below :data:`MIN_PAYLOAD_BYTES` (64 KiB) to it,
    as the services have read it since 1008, and bind the settings' records
    to their fields again, so that the record refuses a smaller limit (and
    a number setting past 2**53 - 1) set by code too. The other values are
    kept.

    :param context: the portal_setup tool.
    """
    registry = getUtility(IRegistry)
    record = registry.records.get(PAYLOAD_RECORD)
    value = None if record is None else record.value
    number = isinstance(value, int) and not isinstance(value, bool)
    if number and value < MIN_PAYLOAD_BYTES:
        # registerInterface would replace a value its field refuses with the
        # default (1 MB): the site keeps the limit nearest its own.
        record.value = MIN_PAYLOAD_BYTES
    # registerInterface keeps each record's value when it fits the field.
    registry.registerInterface(ICompositeSettings, prefix=SETTINGS_PREFIX)
