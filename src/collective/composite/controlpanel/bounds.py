"""The bounds of the number settings, said: a value below a setting's least
or above its largest is refused, by the form and by
``PATCH @controlpanels/composite`` alike, with a message that gives the
bound (written as the reader's language writes numbers) and, for the
payload limit, why it has a floor, for the history's retention, why it has
a ceiling.

zope.schema says only "Value is too small" (or "too big"), which tells an
administrator neither what to enter nor that a payload limit below
:data:`~collective.composite.interfaces.MIN_PAYLOAD_BYTES` would break
design mode.
"""

from collective.composite import _
from collective.composite.localized_numbers import localized
from zope.i18nmessageid import Message
from zope.schema.interfaces import TooBig
from zope.schema.interfaces import TooSmall


PAYLOAD_SETTING = "max_payload_bytes"
RETENTION_SETTING = "history_retention"


def bound_message(error: TooSmall | TooBig, name: str) -> Message:
    """:param error: the refusal of a number out of its setting's range.
    :param name: the setting's name (``max_payload_bytes``,
        ``history_retention``).
    :returns: what to enter instead, the bound in its mapping (a number,
        formatted where the message is translated)."""
    if isinstance(error, TooSmall):
        if name == PAYLOAD_SETTING:
            return _(
                "At least ${min} bytes (64 KiB): a smaller limit refuses design "
                "mode's own requests, and no save succeeds.",
                mapping={"min": error.bound},
            )
        return _("At least ${min}.", mapping={"min": error.bound})
    if name == RETENTION_SETTING:
        return _(
            "At most ${max} revisions: the history is for undoing recent "
            "changes; the page's content versions keep older ones.",
            mapping={"max": error.bound},
        )
    return _("At most ${max}.", mapping={"max": error.bound})


def form_message(value) -> Message:
    """The error the form shows under a number setting out of its range (a
    z3c.form computed error message, see ``views``).

    :param value: the error view's value, with ``error``, ``field`` and
        ``request``.
    """
    return localized(bound_message(value.error, value.field.__name__), value.request)
