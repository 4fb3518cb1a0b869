"""The ``content`` widget: a content item by UID, in a chosen display."""

from Acquisition import aq_base
from collective.composite import _
from collective.composite.widgets.renderer import ItemRenderer
from collective.composite.widgets.uid import is_uid
from plone.app.textfield.interfaces import IRichTextValue
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.supermodel import model
from zope import schema
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


DISPLAYS = SimpleVocabulary(
    [
        SimpleTerm("title", title=_("Title as a link")),
        SimpleTerm("summary", title=_("Summary card with lead image")),
        SimpleTerm("full", title=_("Full content")),
    ]
)


class IContentWidget(model.Schema):
    """Settings of a ``content`` widget."""

    directives.widget(
        "uid",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"maximumSelectionSize": 1, "recentlyUsed": True},
    )
    uid = schema.TextLine(title=_("Content item"), constraint=is_uid)

    display = schema.Choice(title=_("Display"), vocabulary=DISPLAYS, default="summary")


class ContentRenderer(ItemRenderer):
    """Shows the item from its catalog brain; only ``full`` loads the item."""

    @property
    def display(self) -> str:
        return self.settings.get("display", "summary")

    def text(self) -> str:
        """The item's rich text, rendered as Plone's views do ("" without one)."""
        item = self.items.object(self.settings["uid"])
        value = getattr(aq_base(item), "text", None)
        if not IRichTextValue.providedBy(value):
            return ""
        return value.output_relative_to(item) or ""
