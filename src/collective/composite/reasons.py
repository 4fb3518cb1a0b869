"""Why something failed, in one line, as the people shown it read it.

Error cards (a widget that failed to render) and the note of a broken layout
show designers the error a template or renderer raised. An error raised in a
page template reaches us with Chameleon's report appended to its message: the
template's file on the server, the failing expression and the source lines
around it. That is for developers, who find it in the log; designers see
the error's own first line.

Our own errors (:class:`~collective.composite.exceptions.CompositeError`, such
as a widget type registered no more, or an image widget's item without an
image) carry a message for people: given the request, it is translated into
the reader's language, its numbers written as that language writes them,
instead of quoted in English after the error's class name.
"""

from collective.composite.exceptions import CompositeError
from collective.composite.localized_numbers import translated


def reason(error: BaseException, request=None) -> str:
    """:param error: what was raised.
    :param request: the request of the people shown the reason; without it,
        our own errors are said in English too.
    :returns: our own error's message, translated for ``request``; for any
        other error ``"Type: message"`` from the first line of the error's
        own message, the error's ``repr()`` when it has no message.
    """
    if request is not None and isinstance(error, CompositeError):
        return translated(error.message, request)
    lines = str(error).splitlines()
    if not lines or not lines[0].strip():
        return repr(error)
    return f"{type(error).__name__}: {lines[0]}"
