"""The bounds of a setting, said: a value refused for being below a field's
``min`` or above its ``max``, or shorter than its ``min_length`` or longer
than its ``max_length``, is refused with a message giving the bound ("At
most 100.", "At most 100,000 characters."), for every widget type's settings
(the shipped ones and integrators' alike), in the settings dialog and in the
API's refusals.

zope.schema says only "Value is too big" (or "too small", "too long", "too
short"), which does not tell what to enter. The message puts the bound in its
mapping as a number: it is written as the reader's language writes numbers
where the message is translated (:mod:`collective.composite.localized_numbers`).
"""

from collective.composite import _
from zope.i18nmessageid import Message
from zope.schema.interfaces import TooBig
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import TooShort
from zope.schema.interfaces import TooSmall


def bound_reason(error: Exception) -> Message | None:
    """:param error: why zope.schema refused a value.
    :returns: what to enter instead, the bound in its mapping (``min`` or
        ``max``); a length counted in characters for a text (or bytes), in
        items for a list (or another collection); None for an error of
        another kind."""
    if isinstance(error, TooSmall):
        return _("At least ${min}.", mapping={"min": error.bound})
    if isinstance(error, TooBig):
        return _("At most ${max}.", mapping={"max": error.bound})
    if not isinstance(error, TooShort | TooLong):
        return None
    text = isinstance(error.value, str | bytes)
    if isinstance(error, TooShort):
        if text:
            return _("At least ${min} characters.", mapping={"min": error.bound})
        return _("At least ${min} items.", mapping={"min": error.bound})
    if text:
        return _("At most ${max} characters.", mapping={"max": error.bound})
    return _("At most ${max} items.", mapping={"max": error.bound})
