"""The words and references of one widget, for its page's catalog entry,
remembered with the widget's stored settings.

A save that may change a page's words works out the page's SearchableText
again, which joins the words of every placed widget: a thousand widgets on a
big page, for one that changed. The shipped renderers' ``searchable_text``
depends on the widget's settings alone, and for HTML widgets on the site's
HTML filtering settings too (part of the key); their ``references`` depend on
the settings alone. So these are remembered with the stored settings (see
:func:`~collective.composite.arrangement.settings_memo`, which a save never
changes: new settings are a new record) and worked out again only for the
widgets whose settings changed. The rule is the function itself: a renderer
that overrides ``searchable_text`` or ``references`` (a third-party type, a
subclass) may read more than the settings (the page, the time...), and its
values are worked out every time, as before.
"""

from collective.composite import arrangement
from collective.composite.widgets.html import HTMLRenderer
from collective.composite.widgets.image import ImageRenderer
from collective.composite.widgets.listing import ListingRenderer
from collective.composite.widgets.renderer import ItemRenderer
from collective.composite.widgets.renderer import WidgetRenderer
from collective.composite.widgets.text import TextRenderer


_PURE_WORDS = frozenset(
    renderer.__dict__["searchable_text"].__func__
    for renderer in (
        WidgetRenderer,
        TextRenderer,
        HTMLRenderer,
        ImageRenderer,
        ListingRenderer,
    )
)
#: The ``references`` of the shipped renderers, which depend on the settings
#: alone: remembered with them (the link integrity's reader counts on it too).
PURE_REFERENCES = frozenset(
    renderer.__dict__["references"].__func__
    for renderer in (WidgetRenderer, ItemRenderer, ListingRenderer)
)


def widget_index(
    widget, widget_type, context, filters: str, text: bool = True
) -> tuple[str, tuple[str, ...]]:
    """What ``widget`` adds to its page's catalog entry: its renderer's
    ``searchable_text`` and its type's ``references``.

    :param widget: a widget read from the page.
    :param widget_type: its type.
    :param context: the page.
    :param filters: the site's HTML filtering settings, as
        :func:`~collective.composite.widgets.htmlfilter.filter_settings`
        gives them (read once for the page).
    :param text: whether the words are needed (else "" may be returned).
    :returns: the words and the UIDs.
    """
    renderer = widget_type.renderer
    settings = widget.settings
    memo = arrangement.settings_memo(settings)
    words = ""
    if text:
        kept = _pure(memo, renderer.searchable_text, _PURE_WORDS)
        key = ("searchable_text", renderer, filters)
        words = kept.get(key)
        if words is None:
            words = kept[key] = renderer.searchable_text(settings, context)
    kept = _pure(memo, getattr(renderer, "references", None), PURE_REFERENCES)
    key = ("references", renderer)
    uids = kept.get(key)
    if uids is None:
        uids = kept[key] = tuple(widget_type.references(settings))
    return words, uids


def _pure(memo: dict | None, method, functions: frozenset) -> dict:
    """``memo`` if ``method`` is one of the pure ``functions``, else a dict
    to throw away (the value is worked out every time)."""
    if memo is None or getattr(method, "__func__", None) not in functions:
        return {}
    return memo
