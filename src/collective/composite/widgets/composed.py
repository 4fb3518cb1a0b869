"""The composed HTML of text and HTML widgets, without a page template call.

A text or HTML widget rendered with its shipped template is a ``div`` around
its filtered HTML (nothing when that is empty), wrapped in the
``div.composite-widget`` every widget gets. A page template call costs about
20 µs however small the template, and such widgets are most of a page; so
their piece is composed here instead, to the very same markup (a test
compares both).

The whole piece depends on the widget's type, id and stored HTML and on the
site's HTML filtering settings, and on nothing of the visitor (no permission,
user, language or item is involved): it is the same for everyone, so it is
kept in a bounded memo keyed by exactly those. A type registered again with
another template or renderer (an integrator's override) is rendered with its
template as before.
"""

from collections.abc import Callable
from collective.composite.widgets.html import HTMLRenderer
from collective.composite.widgets.htmlfilter import filter_settings
from collective.composite.widgets.htmlfilter import safe_html
from collective.composite.widgets.shared_memo import Memo
from collective.composite.widgets.text import TextRenderer
from pathlib import Path
from ZODB.POSException import ConflictError


_TEMPLATES = Path(__file__).parent / "templates"
# type name -> (setting holding the HTML, CSS class, renderer, template)
SHIPPED = {
    "text": ("text", "composite-text", TextRenderer, str(_TEMPLATES / "text.pt")),
    "html": ("html", "composite-html", HTMLRenderer, str(_TEMPLATES / "html.pt")),
}
# The pieces of every text and HTML widget of a large site fit easily.
MEMO_CHARACTERS = 8_000_000
memo = Memo(MEMO_CHARACTERS)


def composed(
    widget, widget_type, context, wrap: Callable[[object, str], str]
) -> str | None:
    """The wrapped piece of a text or HTML widget, composed without its
    template, or None when the widget is not one (render it as usual).

    :param widget: the widget (``id``, ``type``, ``settings``).
    :param widget_type: its registered type.
    :param context: the page.
    :param wrap: makes the ``div.composite-widget`` around a widget's HTML.
    :returns: the piece; "" when the widget shows nothing.
    """
    shipped = SHIPPED.get(widget.type)
    if shipped is None:
        return None
    setting, css_class, renderer, template = shipped
    if widget_type.renderer is not renderer or widget_type.template != template:
        return None
    source = widget.settings.get(setting, "")
    if not isinstance(source, str):
        return None  # let the template path show what it makes of it
    key = (widget.type, widget.id, source, filter_settings())
    piece = memo.get(key)
    if piece is None:
        try:
            html = safe_html(source, context)
        except ConflictError:
            raise
        except Exception:
            return None  # the template path shows the error card
        # The space before ">" is the template's (its attributes span lines).
        piece = wrap(widget, f'<div class="{css_class}" >{html}</div>') if html else ""
        memo.set(key, piece)
    return piece
