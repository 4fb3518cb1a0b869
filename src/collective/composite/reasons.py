"""Why something failed, in one line, as the people shown it read it.

Error cards (a widget that failed to render) and the note of a broken layout
show designers the error a template or renderer raised. An error raised in a
page template reaches us with Chameleon's report appended to its message: the
template's file on the server, the failing expression and the source lines
around it. That is for developers, who find it in the log; designers see
the error's own first line.
"""


def reason(error: BaseException) -> str:
    """:param error: what was raised.
    :returns: ``"Type: message"`` from the first line of the error's own
        message; the error's ``repr()`` when it has no message.
    """
    lines = str(error).splitlines()
    if not lines or not lines[0].strip():
        return repr(error)
    return f"{type(error).__name__}: {lines[0]}"
