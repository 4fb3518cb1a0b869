"""The ``image`` widget: an Image item by UID, with scale, alt text and caption."""

from collective.composite import _
from collective.composite.exceptions import CompositeError
from collective.composite.widgets.card_words import card_words
from collective.composite.widgets.markup import escape_text
from collective.composite.widgets.markup import shown_text
from collective.composite.widgets.pictures import picture_tag
from collective.composite.widgets.renderer import ItemRenderer
from collective.composite.widgets.uid import is_uid
from pathlib import Path
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
        vocabulary="collective.composite.ImageScales",
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


class NoImage(CompositeError, ValueError):
    """The referenced item has no image to show."""


class ImageRenderer(ItemRenderer):
    """Shows the image as a ``<picture>`` built as Plone's ``@@images/picture``
    does, from the catalog's scale metadata (see
    :mod:`collective.composite.widgets.pictures`); composes the markup of
    ``templates/image.pt`` (see :meth:`compose`) and of its design card,
    ``templates/image_card.pt`` (see :meth:`compose_design`)."""

    upload_field = "uid"
    # An empty alt marks the image decorative: the settings form offers a
    # checkbox for it (see :mod:`collective.composite.design.settings`).
    decorative_field = "alt"
    composes = str(Path(__file__).parent / "templates" / "image.pt")
    composes_design = str(Path(__file__).parent / "templates" / "image_card.pt")

    @classmethod
    def searchable_text(cls, settings, context) -> str:
        return " ".join(filter(None, (settings.get("alt"), settings.get("caption"))))

    @property
    def alt(self) -> str:
        alt = self.settings.get("alt")
        return self.brain.Title if alt is None else alt

    def tag(self, scale: str = "") -> str:
        """A ``<picture>`` at the widget's scale (see
        :func:`~collective.composite.widgets.pictures.picture_tag`): a
        ``srcset`` of the image's scales, lazy loading, and the scale's
        ``width``/``height``.

        :param scale: a scale name; the widget's ``scale`` setting when empty.
        :returns: the tag.
        :raises NoImage: when the referenced item has no image.
        """
        brain = self.brain
        html = picture_tag(
            brain,
            scale or self.settings.get("scale", "large"),
            self.request,
            alt=self.alt,
            css_class="composite-image__img img-fluid",
        )
        if not html:
            raise NoImage(
                _("The item ${url} has no image.", mapping={"url": brain.getURL()})
            )
        return html

    def compose(self) -> str | None:
        """The markup of ``templates/image.pt``: the picture and its caption.

        :returns: the HTML; None (render the template) for a caption that is
            not text.
        :raises NoImage: when the referenced item has no image.
        """
        caption = self.settings.get("caption")
        if caption is not None and not isinstance(caption, str):
            return None
        figcaption = (
            f'<figcaption class="figure-caption">{escape_text(caption)}</figcaption>'
            if caption
            else ""
        )
        return f'<figure class="composite-image">{self.tag()}{figcaption}</figure>'

    def compose_design(self) -> str | None:
        """The markup of ``templates/image_card.pt``: a thumbnail, the
        image's title and its alternative text.

        :raises NoImage: when the referenced item has no image.
        """
        thumb = self.tag("thumb")
        alt = self.alt
        words = card_words(self.request)
        if alt:
            meta = words.alt_pattern.replace("${alt}", f"<q>{shown_text(alt)}</q>")
        else:
            meta = words.words["decorative"]
        return words.card(
            self.widget_type,
            f'<span class="composite-card__thumb">{thumb}</span>'
            f'<strong class="composite-card__title">{shown_text(self.brain.Title)}'
            f'</strong><span class="composite-card__meta">{meta}</span>',
        )
