from collective.composite.exceptions import InvalidSettings
from collective.composite.widgets.renderer import WidgetRenderer
from plone.supermodel import model
from zope import schema


class IQuoteWidget(model.Schema):
    quote = schema.Text(title="Quotation")
    author = schema.TextLine(title="Said by", required=False)


class QuoteRenderer(WidgetRenderer):
    @classmethod
    def normalize(cls, settings, context):
        # After schema validation: tidy the values, or raise InvalidSettings.
        quote = settings["quote"].strip()
        if not quote:
            raise InvalidSettings("A quotation cannot be blank.", field="quote")
        return {**settings, "quote": quote}

    @classmethod
    def searchable_text(cls, settings, context):
        return f"{settings['quote']} {settings.get('author', '')}"
