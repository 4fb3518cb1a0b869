"""The design cards of the shipped widget types, composed without their
templates.

Design mode shows a card per widget, and the body of each is its type's design
card (``widgets/templates/<type>_card.pt``). A page template call costs tens of
microseconds of TALES expressions and translations however small the
template, which made the cards most of the design view's own time. So the
shipped types' cards are composed here instead, to the markup their templates
make but for the whitespace between elements (a test compares both), with the
texts they translate looked up once per request.

A type registered again with another renderer class or design template (an
integrator's override) keeps its template, as do the missing-item and error
cards, which :func:`~collective.composite.widgets.rendering.render_widget`
renders.
"""

from collections.abc import Callable
from collective.composite import _
from collective.composite.widgets.content import ContentRenderer
from collective.composite.widgets.html import HTMLRenderer
from collective.composite.widgets.image import ImageRenderer
from collective.composite.widgets.listing import ListingRenderer
from collective.composite.widgets.markup import escape_text
from collective.composite.widgets.text import TextRenderer
from functools import cached_property
from pathlib import Path
from zope.i18n import translate

import collective.composite.widgets


_TEMPLATES = Path(collective.composite.widgets.__file__).parent / "templates"
# The texts of the shipped cards, by what they say.
_WORDS = {
    "no_text": _("No text yet."),
    "no_markup": _("No markup yet."),
    "decorative": _("Decorative image (no alternative text)"),
}
# Kept as a pattern: the image's alternative text goes where ``${alt}`` is.
_ALT = _("Alternative text: ${alt}")


def _text(value) -> str:
    """:returns: ``value`` as element text, "" for None (as TAL leaves it)."""
    return "" if value is None else escape_text(str(value))


class CardBodies:
    """Composes the shipped types' design cards for one request.

    :param request: the request, for the language of the cards' texts.
    """

    def __init__(self, request):
        self.request = request
        self._heads: dict[str, str] = {}

    def composes(self, widget_type) -> bool:
        """:returns: whether the card of ``widget_type`` is composed here: one
        of the shipped types, with its shipped renderer and design template."""
        shipped = SHIPPED.get(widget_type.name)
        return (
            shipped is not None
            and widget_type.renderer is shipped[0]
            and getattr(widget_type, "design_template", None)
            == str(_TEMPLATES / f"{widget_type.name}_card.pt")
        )

    def card(self, renderer) -> str:
        """The design card of a shipped type's widget.

        :param renderer: the widget's renderer, of a type :meth:`composes`
            says yes for, whose items all resolve.
        :returns: the card, as its template makes it.
        :raises Exception: what the template would raise.
        """
        widget_type = renderer.widget_type
        compose = SHIPPED[widget_type.name][1]
        return f"{self.head(widget_type)}{compose(renderer, self)}</div></div>"

    def head(self, widget_type) -> str:
        """:returns: the opening of a type's card, up to its ``__body``."""
        head = self._heads.get(widget_type.name)
        if head is None:
            title = _text(translate(widget_type.title, context=self.request))
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
            key: _text(translate(message, context=self.request))
            for key, message in _WORDS.items()
        }

    @cached_property
    def alt_pattern(self) -> str:
        """*Alternative text: ${alt}*, translated and escaped."""
        return _text(translate(_ALT, context=self.request))


def _text_card(renderer: TextRenderer, bodies: CardBodies) -> str:
    excerpt = renderer.excerpt()
    html = f'<p class="composite-card__excerpt">{_text(excerpt)}</p>' if excerpt else ""
    if not renderer.has_text():
        html += f'<p class="composite-card__empty">{bodies.words["no_text"]}</p>'
    return html


def _html_card(renderer: HTMLRenderer, bodies: CardBodies) -> str:
    source = renderer.source()
    if source:
        return f'<pre class="composite-card__code"><code>{_text(source)}</code></pre>'
    return f'<p class="composite-card__empty">{bodies.words["no_markup"]}</p>'


def _image_card(renderer: ImageRenderer, bodies: CardBodies) -> str:
    thumb = renderer.tag("thumb")
    alt = renderer.alt
    if alt:
        meta = bodies.alt_pattern.replace("${alt}", f"<q>{_text(alt)}</q>")
    else:
        meta = bodies.words["decorative"]
    return (
        f'<span class="composite-card__thumb">{thumb}</span>'
        f'<strong class="composite-card__title">{_text(renderer.brain.Title)}</strong>'
        f'<span class="composite-card__meta">{meta}</span>'
    )


def _content_card(renderer: ContentRenderer, bodies: CardBodies) -> str:
    brain = renderer.brain
    image = renderer.image_tag(brain, "thumb", alt="")
    description = brain.Description
    return (
        (f'<span class="composite-card__thumb">{image}</span>' if image else "")
        + f'<strong class="composite-card__title">{_text(brain.Title)}</strong>'
        + (
            f'<span class="composite-card__excerpt">{_text(description)}</span>'
            if description
            else ""
        )
    )


def _listing_card(renderer: ListingRenderer, bodies: CardBodies) -> str:
    heading = renderer.settings.get("title")
    lines = "".join(
        f"<li>{_text(line['title'])}</li>"
        if line["title"]
        else f'<li aria-hidden="true">{line["fuzzy"]}</li>'
        for line in renderer.first_lines()
    )
    return (
        f'<strong class="composite-card__title">{_text(heading)}</strong>'
        if heading
        else ""
    ) + f'<ul class="composite-card__items">{lines}</ul>'


# type name -> (its shipped renderer class, what composes its card's body)
SHIPPED: dict[str, tuple[type, Callable[..., str]]] = {
    "text": (TextRenderer, _text_card),
    "html": (HTMLRenderer, _html_card),
    "image": (ImageRenderer, _image_card),
    "content": (ContentRenderer, _content_card),
    "listing": (ListingRenderer, _listing_card),
}
