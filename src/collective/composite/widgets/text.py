"""The ``text`` widget: a rich-text snippet, filtered by safe_html."""

from collective.composite import _
from collective.composite.widgets.htmlfilter import html_to_text
from collective.composite.widgets.htmlfilter import safe_html
from collective.composite.widgets.renderer import WidgetRenderer
from plone.app.textfield import RichText
from plone.app.z3cform.widgets.richtext import RichTextFieldWidget
from plone.autoform import directives
from plone.supermodel import model


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

    @classmethod
    def normalize(cls, settings: dict, context) -> dict:
        return {**settings, "text": safe_html(settings.get("text", ""), context)}

    @classmethod
    def searchable_text(cls, settings, context) -> str:
        return html_to_text(settings.get("text", ""), context)

    def html(self) -> str:
        return safe_html(self.settings.get("text", ""), self.context)

    def excerpt(self, length: int = 160) -> str:
        """The first ``length`` characters of the text, for the design card."""
        text = html_to_text(self.settings.get("text", ""), self.context)
        return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"
