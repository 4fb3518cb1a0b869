"""Values escaped as page templates escape them, for the markup renderers
compose in Python (see ``WidgetRenderer.compose`` in
:mod:`~collective.composite.widgets.renderer`).

Chameleon escapes ``&``, ``<`` and ``>`` in text, and ``"`` too in attribute
values (it quotes them with ``"``); so do these.
"""

from html import escape


def escape_text(value: str) -> str:
    """:returns: ``value`` escaped for an element's text."""
    return escape(value, quote=False)


def shown_text(value) -> str:
    """:returns: ``value`` as a template's ``${value}`` shows it in an
    element's text: nothing for None, else its text escaped."""
    return "" if value is None else escape_text(str(value))


def escape_attribute(value: str) -> str:
    """:returns: ``value`` escaped for a double-quoted attribute value."""
    return escape(value, quote=False).replace('"', "&quot;")
