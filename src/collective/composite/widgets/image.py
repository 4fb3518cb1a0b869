"""The ``image`` widget: an Image item by UID, with scale, alt text and caption."""

from collective.composite import _
from collective.composite.widgets.renderer import ItemRenderer
from collective.composite.widgets.uid import is_uid
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.supermodel import model
from zope import schema


class IImageWidget(model.Schema):
    """Settings of an ``image`` widget."""

    directives.widget(
        "uid",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={
            "maximumSelectionSize": 1,
            "selectableTypes": ["Image"],
            "recentlyUsed": True,
        },
    )
    uid = schema.TextLine(title=_("Image"), constraint=is_uid)

    scale = schema.Choice(
        title=_("Size"),
        vocabulary="plone.app.vocabularies.ImagesScales",
        default="large",
    )

    alt = schema.TextLine(
        title=_("Alternative text"),
        description=_(
            "What the image shows, for people who cannot see it. Leave it empty "
            "for a decorative image; when not given, the image's title is used."
        ),
        required=False,
    )

    caption = schema.TextLine(title=_("Caption"), required=False)


class NoImage(ValueError):
    """The referenced item has no image to show."""


class ImageRenderer(ItemRenderer):
    """Builds the tag from the catalog's scale metadata, without loading the item."""

    upload_field = "uid"

    @classmethod
    def searchable_text(cls, settings, context) -> str:
        return " ".join(filter(None, (settings.get("alt"), settings.get("caption"))))

    @property
    def alt(self) -> str:
        alt = self.settings.get("alt")
        return self.brain.Title if alt is None else alt

    def tag(self, scale: str = "") -> str:
        """:raises NoImage: when the referenced item has no image."""
        tag = self.image_tag(
            self.brain,
            scale or self.settings.get("scale", "large"),
            alt=self.alt,
            css_class="composite-image__img img-fluid",
        )
        if not tag:
            raise NoImage(f"{self.brain.getURL()} has no image")
        return tag
