"""The real-view markup of a listing widget, composed in Python.

It is the markup of the shipped template, ``templates/listing.pt`` (the same
elements, attributes, text and escaping; only the whitespace between tags
differs; a test compares both), made without a page template call, whose
expressions cost several times a listing's remembered search. Values are
shown as the template's ``${...}`` shows them: None and the catalog's
Missing.Value as nothing (and an attribute of either left out), other values
as their text, escaped as :mod:`~collective.composite.widgets.markup` does.
"""

from collective.composite.widgets.markup import escape_attribute
from collective.composite.widgets.markup import escape_text
from Missing import MV
from zope.i18n import translate


# listing.pt's messages (``i18n:translate`` takes an element's content, markup
# included, as its message id).
_EMPTY = "Nothing to show yet."
_MORE = "More&hellip;"
_OPEN = {
    "titles": '<ul class="composite-listing__items composite-listing__items--titles">',
    "summaries": (
        '<ul class="composite-listing__items composite-listing__items--summaries '
        'list-unstyled">'
    ),
    "cards": (
        '<div class="composite-listing__items composite-listing__items--cards row '
        'row-cols-1 row-cols-md-3 g-3">'
    ),
}
_CLOSE = {"titles": "</ul>", "summaries": "</ul>", "cards": "</div>"}


def listing_markup(view) -> str | None:
    """A listing's HTML, as ``listing.pt`` renders it with ``view``.

    :param view: the listing's renderer (``settings``, ``display``,
        ``results()``, ``collection``, ``url()``, ``date()``, ``image_tag()``,
        ``more_label()``).
    :returns: the HTML, or None for settings the template shows in its own
        way (a heading that is not text, an unknown display).
    """
    display = view.display
    heading = view.settings.get("title")
    if not (
        isinstance(display, str)
        and display in _ITEMS
        and (heading is None or isinstance(heading, str))
    ):
        return None
    results = view.results()
    collection = view.collection
    parts = ['<section class="composite-listing">']
    if heading:
        parts.append(f'<h2 class="composite-listing__heading">{_text(heading)}</h2>')
    if not results:
        empty = _translated(view, _EMPTY)
        parts.append(f'<p class="composite-listing__empty">{empty}</p>')
    else:
        item = _ITEMS[display]
        parts.append(_OPEN[display])
        parts.extend(item(view, brain) for brain in results)
        parts.append(_CLOSE[display])
        if collection is not None:
            parts.append(
                '<p class="composite-listing__more">'
                f'<a href="{_attribute(view.url(collection))}" '
                f'aria-label="{_attribute(view.more_label(collection))}">'
                f"{_translated(view, _MORE)}</a></p>"
            )
    parts.append("</section>")
    return "\n".join(parts)


def _translated(view, msgid: str) -> str:
    """``msgid`` of the template translated as its ``i18n:translate`` does:
    the message catalogues' markup (``&hellip;``) kept as is."""
    return translate(msgid, domain="collective.composite", context=view.request)


def _title_item(view, brain) -> str:
    url = _attribute(view.url(brain))
    return f'<li><a href="{url}">{_text(brain.Title)}</a></li>'


def _summary_item(view, brain) -> str:
    description = brain.Description
    date = brain.Date
    datetime = "" if _missing(date) else f' datetime="{_attribute(date)}"'
    return (
        '<li class="mb-3">'
        f'<a class="fw-bold" href="{_attribute(view.url(brain))}">'
        f"{_text(brain.Title)}</a>"
        f'<time class="text-muted small d-block"{datetime}>'
        f"{_text(view.date(brain))}</time>"
        + (f"<span>{_text(description)}</span>" if description else "")
        + "</li>"
    )


def _card_item(view, brain) -> str:
    description = brain.Description
    image = view.image_tag(brain, "preview", alt="", css_class="card-img-top")
    # Below the listing's heading (h2) its items are h3; without one, they
    # are the widget's headings, at the level of the other widgets' titles.
    level = 3 if view.settings.get("title") else 2
    return (
        '<div class="col"><article class="card h-100">'
        f"{image or ''}"
        f'<div class="card-body"><h{level} class="card-title h6">'
        f'<a href="{_attribute(view.url(brain))}">{_text(brain.Title)}</a></h{level}>'
        + (
            f'<p class="card-text small">{_text(description)}</p>'
            if description
            else ""
        )
        + "</div></article></div>"
    )


_ITEMS = {"titles": _title_item, "summaries": _summary_item, "cards": _card_item}


def _missing(value) -> bool:
    """:returns: whether the template shows ``value`` as nothing: None, or
    the catalog's Missing.Value (z3c.pt's ``translate`` gives None for it)."""
    return value is None or value is MV


def _text(value) -> str:
    """``value`` as the template shows it in text."""
    return "" if _missing(value) else escape_text(str(value))


def _attribute(value) -> str:
    """``value`` as the template shows it in an attribute."""
    return "" if _missing(value) else escape_attribute(str(value))
