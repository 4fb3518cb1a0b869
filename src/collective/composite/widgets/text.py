"""The ``text`` widget: a rich-text snippet, filtered by safe_html."""

from collective.composite import _
from collective.composite.widgets.card_words import card_words
from collective.composite.widgets.composed import filtered_block
from collective.composite.widgets.htmlfilter import html_to_text
from collective.composite.widgets.htmlfilter import safe_html
from collective.composite.widgets.markup import shown_text
from collective.composite.widgets.relative_links import absolute_links
from collective.composite.widgets.relative_links import links_base
from collective.composite.widgets.renderer import WidgetRenderer
from functools import lru_cache
from lxml.etree import ParserError
from lxml.html import fragment_fromstring
from pathlib import Path
from plone.app.linkintegrity.parser import extractLinks
from plone.app.textfield import RichText
from plone.app.z3cform.widgets.richtext import RichTextFieldWidget
from plone.autoform import directives
from plone.supermodel import model


_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre")


class ITextWidget(model.Schema):
    """Settings of a ``text`` widget; ``text`` is stored as an HTML string."""

    directives.widget("text", RichTextFieldWidget)
    text = RichText(
        title=_("Text"),
        default_mime_type="text/html",
        output_mime_type="text/x-html-safe",
        allowed_mime_types=("text/html",),
        required=False,
    )


class TextRenderer(WidgetRenderer):
    """Filters on save and again on render, in case the filter was tightened."""

    composes = str(Path(__file__).parent / "templates" / "text.pt")
    composes_design = str(Path(__file__).parent / "templates" / "text_card.pt")

    @classmethod
    def normalize(cls, settings: dict, context) -> dict:
        return {**settings, "text": safe_html(settings.get("text", ""), context)}

    @classmethod
    def links(cls, settings) -> list[str]:
        """The links and embedded media of the stored markup."""
        return list(extractLinks(settings.get("text", "")))

    @classmethod
    def searchable_text(cls, settings, context) -> str:
        return html_to_text(settings.get("text", ""), context)

    @classmethod
    def settings_for_readers(cls, settings, context):
        """The text filtered again, as visitors get it (see the class)."""
        return {**settings, "text": safe_html(settings.get("text", ""), context)}

    def html(self) -> str:
        """The filtered text, its relative links made absolute (see
        :mod:`~collective.composite.widgets.relative_links`)."""
        html = safe_html(self.settings.get("text", ""), self.context)
        return absolute_links(html, links_base(html, self.context))

    def compose(self) -> str | None:
        """The markup of ``templates/text.pt``, remembered (see
        :mod:`~collective.composite.widgets.composed`)."""
        source = self.settings.get("text", "")
        return filtered_block(
            "composite-text",
            source,
            self.context,
            links_from=links_base(source, self.context)
            if isinstance(source, str)
            else "",
        )

    def compose_design(self) -> str | None:
        """The markup of ``templates/text_card.pt``: the excerpt, and a word
        saying so when the text is empty."""
        excerpt = self.excerpt()
        words = card_words(self.request)
        body = (
            f'<p class="composite-card__excerpt">{shown_text(excerpt)}</p>'
            if excerpt
            else ""
        )
        if not self.has_text():
            body += f'<p class="composite-card__empty">{words.words["no_text"]}</p>'
        return words.card(self.widget_type, body)

    def has_text(self) -> bool:
        """:returns: whether the text shows anything."""
        return bool(html_to_text(self.settings.get("text", ""), self.context))

    def excerpt(self, length: int = 160) -> str:
        """The start of the text after its first heading or paragraph, for the
        design card: that block is the card's title already (see
        ``design.cards.widget_title``).

        :param length: the most characters, cut at a word.
        :returns: plain text, "" when the text has nothing after that block.
        """
        html = self.settings.get("text", "")
        text = " ".join(html_to_text(html, self.context).split())
        first = " ".join(first_block(html).split())
        if first and text.startswith(first):
            text = text[len(first) :].lstrip()
        return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


def first_block(html) -> str:
    """The text of the first heading or paragraph of rich text, else "".

    :param html: rich text (anything else gives "").
    :returns: plain text.
    """
    if not isinstance(html, str) or not html.strip():
        return ""
    if len(html) > _REMEMBERED_LENGTH:
        return _first_block.__wrapped__(html)
    return _first_block(html)


# Design mode asks for it two or three times per text card (title, excerpt):
# a pure function of the text, kept for the most recent texts (at most about
# 4096 × 16 KB).
_REMEMBERED_LENGTH = 16_384


@lru_cache(maxsize=4096)
def _first_block(html: str) -> str:
    try:
        root = fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in root.iter(*_BLOCKS):
        text = element.text_content().strip()
        if text:
            return text
    return ""
