"""Numbers in messages for people, written as the reader's language writes
them: "1,048,576" in English, "1.048.576" in German, "1 048 576" in French.

The core (the arrangement API, the JSON reader, the exceptions) puts plain
numbers in its messages' mappings: it knows no request, hence no language.
Where a message is translated for a request (a refusal's body, a form's error,
a status message, a template), :func:`translated` formats those numbers with
the request's locale first, as z3c.form's number fields do
(``request.locale.numbers.getFormatter("decimal")``). Plone sets the locale
from the language it negotiated, the one the message is translated into.

Quantities are formatted (a size, a limit, a count); numbers that name
something (a revision, a content version, a line of a file) are put in the
mappings as text, so that they read as they are typed in a URL.
JSON members that carry numbers for programs (``limit``, ``version``) stay
numbers: only the text of messages is formatted.
"""

from zope.i18n import translate
from zope.i18nmessageid import Message


def format_number(number: int | float, request) -> str:
    """Write ``number`` as the request's language does.

    :param number: a whole or decimal number.
    :param request: the request whose locale to follow; None, or a request
        without a locale (a script's), writes the number plainly.
    :returns: the number as text, e.g. "1,048,576" or "1.048.576".
    """
    locale = getattr(request, "locale", None) if request is not None else None
    numbers = getattr(locale, "numbers", None)
    if numbers is None:
        return str(number)
    formatter = numbers.getFormatter("decimal")
    try:
        return formatter.format(number)
    except (TypeError, ValueError, ArithmeticError):
        # A locale whose pattern cannot write the number: plain digits.
        return str(number)


def _is_number(value) -> bool:
    # bool is an int to Python; True is no quantity.
    return isinstance(value, int | float) and not isinstance(value, bool)


def localized(message, request):
    """:param message: a ``Message`` (or plain text, returned as it is).
    :param request: the request whose locale to follow.
    :returns: a copy of ``message`` whose mapping has its numbers written
        for ``request`` (see :func:`format_number`), messages in the mapping
        (a refused setting's reason) too; ready to be translated."""
    if not isinstance(message, Message) or not message.mapping:
        return message
    mapping = {}
    for key, value in message.mapping.items():
        if _is_number(value):
            value = format_number(value, request)
        elif isinstance(value, Message):
            value = localized(value, request)
        mapping[key] = value
    return Message(message, mapping=mapping)


def translated(message, request) -> str:
    """:param message: a ``Message`` or plain text.
    :param request: the request whose language and locale to follow.
    :returns: ``message`` translated for ``request``, its numbers written as
        the request's language writes them."""
    return translate(localized(message, request), context=request)
