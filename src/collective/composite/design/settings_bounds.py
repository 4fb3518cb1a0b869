"""The errors of ``@@composite-widget-settings`` under a setting out of its
bounds: the bound it missed (*At most 100.*, *At least 3 characters.*, see
:mod:`collective.composite.field_bounds`), its number written as the reader's
language writes numbers, instead of zope.schema's bare "Value is too big".
Registered as z3c.form computed error messages for this form only (Plone's
own forms keep theirs), in ``configure.zcml``.
"""

from collective.composite.design.settings import WidgetSettingsView
from collective.composite.field_bounds import bound_reason
from collective.composite.localized_numbers import localized
from z3c.form.error import ComputedErrorViewMessage
from zope.i18nmessageid import Message
from zope.schema.interfaces import TooBig
from zope.schema.interfaces import TooLong
from zope.schema.interfaces import TooShort
from zope.schema.interfaces import TooSmall


def bound_message(value) -> Message:
    """:param value: the error view's value, with ``error`` (a zope.schema
        bounds error) and ``request``.
    :returns: the bound, ready to be translated."""
    return localized(bound_reason(value.error), value.request)


TooSmallMessage = ComputedErrorViewMessage(
    bound_message, error=TooSmall, form=WidgetSettingsView
)
TooBigMessage = ComputedErrorViewMessage(
    bound_message, error=TooBig, form=WidgetSettingsView
)
TooShortMessage = ComputedErrorViewMessage(
    bound_message, error=TooShort, form=WidgetSettingsView
)
TooLongMessage = ComputedErrorViewMessage(
    bound_message, error=TooLong, form=WidgetSettingsView
)
