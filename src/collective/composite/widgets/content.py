"""The ``content`` widget: a content item by UID, in a chosen display."""

from Acquisition import aq_base
from collective.composite import _
from collective.composite.widgets.card_words import card_words
from collective.composite.widgets.markup import escape_attribute
from collective.composite.widgets.markup import escape_text
from collective.composite.widgets.markup import shown_text
from collective.composite.widgets.pictures import picture_tag
from collective.composite.widgets.renderer import ItemRenderer
from collective.composite.widgets.uid import is_uid
from pathlib import Path
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
_DISPLAY_NAMES = frozenset(term.value for term in DISPLAYS)


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
    """Shows the item from its catalog brain; only ``full`` loads the item.

    Composes the markup of ``templates/content.pt`` (see :meth:`compose`)
    and of its design card, ``templates/content_card.pt`` (see
    :meth:`compose_design`).
    """

    composes = str(Path(__file__).parent / "templates" / "content.pt")
    composes_design = str(Path(__file__).parent / "templates" / "content_card.pt")

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

    def compose(self) -> str | None:
        """The markup of ``templates/content.pt``, for the three displays.

        :returns: the HTML; None (render the template) for another display
            or a title or description that is not text.
        """
        brain = self.brain
        title, description = brain.Title, brain.Description
        display = self.display
        if not (
            isinstance(title, str)
            and isinstance(description, str)
            and isinstance(display, str)
            and display in _DISPLAY_NAMES
        ):
            return None
        url = brain.getURL()
        link = f'<a href="{escape_attribute(url)}">{escape_text(title)}</a>'
        if display == "title":
            return f'<p class="composite-content composite-content--title">{link}</p>'
        if display == "summary":
            image = picture_tag(
                brain,
                "preview",
                self.request,
                alt="",
                css_class="card-img-top",
                item_url=url,
            )
            if image:
                image = (
                    f'<a aria-hidden="true" href="{escape_attribute(url)}" '
                    f'tabindex="-1">{image}</a>'
                )
            if description:
                description = f'<p class="card-text">{escape_text(description)}</p>'
            return (
                '<article class="card composite-content '
                f'composite-content--summary">{image}<div class="card-body">'
                f'<h2 class="card-title h5">{link}</h2>{description}</div>'
                "</article>"
            )
        if description:
            description = f'<p class="lead">{escape_text(description)}</p>'
        image = picture_tag(
            brain,
            "large",
            self.request,
            alt=title,
            css_class="figure-img img-fluid",
            item_url=url,
        )
        if image:
            image = f'<figure class="composite-content__image">{image}</figure>'
        return (
            '<article class="composite-content composite-content--full">'
            f"<h2>{link}</h2>{description}{image}"
            f'<div class="composite-content__text">{self.text()}</div></article>'
        )

    def compose_design(self) -> str | None:
        """The markup of ``templates/content_card.pt``: the item's thumbnail,
        title and description."""
        brain = self.brain
        image = self.image_tag(brain, "thumb", alt="")
        description = brain.Description
        return card_words(self.request).card(
            self.widget_type,
            (f'<span class="composite-card__thumb">{image}</span>' if image else "")
            + f'<strong class="composite-card__title">{shown_text(brain.Title)}'
            "</strong>"
            + (
                f'<span class="composite-card__excerpt">{shown_text(description)}'
                "</span>"
                if description
                else ""
            ),
        )
