"""The composed markup of text and HTML widgets: their filtered HTML in a
``div``, without a page template call (see ``WidgetRenderer.compose`` in
:mod:`~collective.composite.widgets.renderer`).

A text or HTML widget rendered with its shipped template is a ``div`` around
its filtered HTML (nothing when that is empty). Such widgets are most of a
page, and a page template call costs about 20 µs however small the template;
so :class:`~collective.composite.widgets.text.TextRenderer` and
:class:`~collective.composite.widgets.html.HTMLRenderer` compose it here
instead, to the very same markup (a test compares both).

That markup depends on the widget's stored HTML, on the site's HTML
filtering settings and, for a text widget, on the page's URL (its relative
links are made absolute from it), and on nothing of the visitor (no
permission, user, language or item is involved): it is the same for everyone,
so it is kept in a bounded memo keyed by exactly those.
"""

from collective.composite.widgets.htmlfilter import filter_settings
from collective.composite.widgets.htmlfilter import safe_html
from collective.composite.widgets.relative_links import absolute_links
from collective.composite.widgets.shared_memo import Memo
from ZODB.POSException import ConflictError


# The markup of every text and HTML widget of a large site fits easily.
MEMO_CHARACTERS = 8_000_000
memo = Memo(MEMO_CHARACTERS)


def filtered_block(css_class: str, source, context, links_from: str = "") -> str | None:
    """The markup of a text or HTML widget's template: its filtered HTML in
    a ``div`` of ``css_class``.

    :param css_class: the ``div``'s class (``composite-text``...).
    :param source: the widget's stored HTML.
    :param context: the page.
    :param links_from: the URL the relative links of the HTML start from,
        to make them absolute (see
        :mod:`~collective.composite.widgets.relative_links`); "" leaves them.
    :returns: the markup, "" when the filtered HTML is empty; None when it
        cannot be made here (not a string, or the filter fails: the template
        then shows what it makes of it, or the error card).
    """
    if not isinstance(source, str):
        return None
    key = (css_class, source, filter_settings(), links_from)
    html = memo.get(key)
    if html is None:
        try:
            filtered = safe_html(source, context)
        except ConflictError:
            raise
        except Exception:
            return None
        if links_from:
            filtered = absolute_links(filtered, links_from)
        # The space before ">" is the template's (its attributes span lines).
        html = f'<div class="{css_class}" >{filtered}</div>' if filtered else ""
        memo.set(key, html)
    return html
