"""Settings that refer to content items by UID."""

from collective.composite import _
from zope.schema.interfaces import ValidationError

import re


# Matched whole: "$" would let a trailing newline through, and a TextLine given
# a constraint no longer applies its own no-newline rule.
UID = re.compile(r"[0-9a-fA-F]{32}")


class InvalidUID(ValidationError):
    __doc__ = _("Not the UID of a content item (32 hexadecimal digits)")


def is_uid(value: str) -> bool:
    """zope.schema constraint: ``value`` looks like a Plone UID.

    Whether the item exists is not checked: it may be deleted later anyway, and the
    page then shows editors a "missing item" card.

    :raises InvalidUID: when it does not.
    """
    if not (isinstance(value, str) and UID.fullmatch(value)):
        raise InvalidUID(value)
    return True
