"""The ``html`` widget: an HTML embed, for people trusted with raw markup."""

from collective.composite import _
from collective.composite.widgets.card_words import card_words
from collective.composite.widgets.composed import filtered_block
from collective.composite.widgets.htmlfilter import html_to_text
from collective.composite.widgets.htmlfilter import safe_html
from collective.composite.widgets.markup import shown_text
from collective.composite.widgets.renderer import WidgetRenderer
from pathlib import Path
from plone.app.linkintegrity.parser import extractLinks
from plone.app.z3cform.widgets.text import TextAreaFieldWidget
from plone.autoform import directives
from plone.supermodel import model
from zope import schema


# Embed codes are a few hundred characters; a limit keeps a pasted page out.
MAX_HTML = 100_000


class IHTMLWidget(model.Schema):
    """Settings of an ``html`` widget."""

    directives.widget("html", TextAreaFieldWidget, rows=12)
    html = schema.Text(
        title=_("HTML"),
        description=_(
            "Markup is shown as entered, within what the site's HTML filtering "
            "settings allow."
        ),
        required=False,
        max_length=MAX_HTML,
    )


class HTMLRenderer(WidgetRenderer):
    """Stores the markup as entered and filters it on render, so the site's
    current filtering settings always apply."""

    composes = str(Path(__file__).parent / "templates" / "html.pt")
    composes_design = str(Path(__file__).parent / "templates" / "html_card.pt")

    @classmethod
    def links(cls, settings) -> list[str]:
        """The links and embedded media of the stored markup."""
        return list(extractLinks(settings.get("html", "")))

    @classmethod
    def searchable_text(cls, settings, context) -> str:
        return html_to_text(safe_html(settings.get("html", ""), context), context)

    @classmethod
    def settings_for_readers(cls, settings, context):
        """The markup as visitors get it: a front end drawing the page from
        the JSON must not show what the site's filter keeps out of it."""
        return {**settings, "html": safe_html(settings.get("html", ""), context)}

    def html(self) -> str:
        return safe_html(self.settings.get("html", ""), self.context)

    def compose(self) -> str | None:
        """The markup of ``templates/html.pt``, remembered (see
        :mod:`~collective.composite.widgets.composed`)."""
        return filtered_block(
            "composite-html", self.settings.get("html", ""), self.context
        )

    def source(self, length: int = 160) -> str:
        """The start of the markup as entered, shown as code on the design card."""
        source = self.settings.get("html", "")
        return source if len(source) <= length else source[:length] + "…"

    def compose_design(self) -> str | None:
        """The markup of ``templates/html_card.pt``: the start of the markup
        as code, or a word saying there is none."""
        source = self.source()
        words = card_words(self.request)
        if source:
            body = (
                '<pre class="composite-card__code">'
                f"<code>{shown_text(source)}</code></pre>"
            )
        else:
            body = f'<p class="composite-card__empty">{words.words["no_markup"]}</p>'
        return words.card(self.widget_type, body)
