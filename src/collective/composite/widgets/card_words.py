"""The texts of the shipped types' design cards, made once per request.

The shipped renderers compose their design cards in Python (see
``WidgetRenderer.compose_design`` in
:mod:`~collective.composite.widgets.renderer`). Design mode shows a card per
widget, and the texts they translate, and the head of each type's card, are
the same on every card of a request: so they are translated and escaped once
per request, here, rather than once per card.
"""

from collective.composite import _
from collective.composite.widgets.markup import shown_text
from functools import cached_property
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate


_KEY = "collective.composite.card-words"
# The texts of the shipped cards, by what they say.
_WORDS = {
    "no_text": _("No text yet."),
    "no_markup": _("No markup yet."),
    "decorative": _("Decorative image (no alternative text)"),
}
# Kept as a pattern: the image's alternative text goes where ``${alt}`` is.
_ALT = _("Alternative text: ${alt}")


class CardWords:
    """The shipped design cards' texts and heads for one request.

    :param request: the request, for the language of the texts.
    """

    def __init__(self, request):
        self.request = request
        self._heads: dict[str, str] = {}

    def card(self, widget_type, body: str) -> str:
        """:returns: the design card of a widget of ``widget_type`` around
        ``body``, as the shipped ``<type>_card.pt`` templates make it."""
        return f"{self.head(widget_type)}{body}</div></div>"

    def head(self, widget_type) -> str:
        """:returns: the opening of a type's card, up to its ``__body``."""
        head = self._heads.get(widget_type.name)
        if head is None:
            title = shown_text(translate(widget_type.title, context=self.request))
            head = self._heads[widget_type.name] = (
                f'<div class="composite-card composite-card--{widget_type.name}">'
                f'<div class="composite-card__head">'
                f'<span class="composite-card__type">{title}</span></div>'
                f'<div class="composite-card__body">'
            )
        return head

    @cached_property
    def words(self) -> dict[str, str]:
        """The cards' texts, translated and escaped, by what they say."""
        return {
            key: shown_text(translate(message, context=self.request))
            for key, message in _WORDS.items()
        }

    @cached_property
    def alt_pattern(self) -> str:
        """*Alternative text: ${alt}*, translated and escaped."""
        return shown_text(translate(_ALT, context=self.request))


def card_words(request) -> CardWords:
    """:returns: the request's card words, made on first use."""
    annotations = IAnnotations(request)
    words = annotations.get(_KEY)
    if words is None:
        words = annotations[_KEY] = CardWords(request)
    return words
