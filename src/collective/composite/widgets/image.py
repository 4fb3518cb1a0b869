"""The ``image`` widget: an Image item by UID, with scale, alt text and caption."""

from collective.composite import _
from collective.composite.widgets.renderer import ItemRenderer
from collective.composite.widgets.uid import is_uid
from html import escape
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.namedfile.picture import get_picture_variants
from plone.supermodel import model
from zope import schema
from zope.annotation.interfaces import IAnnotations


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


def _attributes(attributes: dict) -> str:
    """:returns: the escaped ``name="value"`` pairs of a tag, None values left out."""
    return " ".join(
        f'{name}="{escape(str(value))}"'
        for name, value in attributes.items()
        if value is not None
    )


class ImageRenderer(ItemRenderer):
    """Builds a ``<picture>`` as Plone's ``@@images/picture`` does, from the
    catalog's scale metadata: the item is not loaded and no scale is generated
    or recorded while the page renders (each scale URL generates it on its own
    request)."""

    upload_field = "uid"

    @classmethod
    def searchable_text(cls, settings, context) -> str:
        return " ".join(filter(None, (settings.get("alt"), settings.get("caption"))))

    @property
    def alt(self) -> str:
        alt = self.settings.get("alt")
        return self.brain.Title if alt is None else alt

    def tag(self, scale: str = "") -> str:
        """A ``<picture>`` at the widget's scale: a ``srcset`` of the image's
        scales, lazy loading, and the scale's ``width``/``height``.

        The scale keeps its meaning: it is the ``<img>``'s ``src`` and size. The
        ``srcset`` is that of the site's picture variant (``plone.picture_variants``)
        whose scale it is; without one, the image's scales up to the chosen one,
        so that a narrow screen fetches less. An image smaller than the scale
        is shown at its own size.

        :param scale: a scale name; the widget's ``scale`` setting when empty.
        :returns: the tag.
        :raises NoImage: when the referenced item has no image.
        """
        brain = self.brain
        images = (getattr(brain, "image_scales", None) or {}).get("image")
        if not images:
            raise NoImage(f"{brain.getURL()} has no image")
        original = images[0]
        # The catalog lists only the scales narrower than the image itself.
        scales = original.get("scales") or {}
        name = scale or self.settings.get("scale", "large")
        chosen = scales.get(name) or original
        base = brain.getURL()

        def url(data) -> str:
            src = data["download"]
            return src if src.startswith("http") else f"{base}/{src}"

        def srcset(names) -> str:
            by_width = {}
            for data in [scales.get(each, original) for each in names]:
                by_width.setdefault(data["width"], url(data))
            return ", ".join(f"{by_width[w]} {w}w" for w in sorted(by_width))

        width = chosen["width"]
        sources = [
            {
                "srcset": srcset(
                    [source["scale"], *source.get("additionalScales", [])]
                ),
                "media": source.get("media"),
                "sizes": source.get("sizes"),
            }
            for source in self._variant_sources(name)
        ] or [
            {
                "srcset": srcset(
                    [n for n, data in scales.items() if data["width"] <= width] + [name]
                ),
            }
        ]
        for source in sources:
            # Shown at most at its own width (img-fluid), narrower on a screen
            # narrower than that.
            source["sizes"] = source.get("sizes") or (
                f"(max-width: {width}px) 100vw, {width}px"
            )
        img = {
            "src": url(chosen),
            "alt": self.alt,
            "width": width,
            "height": chosen.get("height"),
            "loading": "lazy",
            "class": "composite-image__img img-fluid",
        }
        return "<picture>{}<img {} /></picture>".format(
            "".join(f"<source {_attributes(source)} />" for source in sources),
            _attributes(img),
        )

    def _variant_sources(self, scale: str) -> list[dict]:
        """:returns: the sources of the site's first picture variant showing
        ``scale`` (its last source's scale, the ``<img>``'s as in Plone), or []."""
        for variant in _picture_variants(self.request).values():
            sourceset = variant.get("sourceset") or []
            if sourceset and sourceset[-1].get("scale") == scale:
                return sourceset
        return []


_VARIANTS_KEY = "collective.composite.picture-variants"


def _picture_variants(request) -> dict:
    """:returns: the site's picture variants (``plone.picture_variants``).

    A page shows many images: the request keeps the variants, so the registry
    is read once a request rather than once an image.
    """
    annotations = IAnnotations(request, None)
    if annotations is None:
        return get_picture_variants() or {}
    if _VARIANTS_KEY not in annotations:
        annotations[_VARIANTS_KEY] = get_picture_variants() or {}
    return annotations[_VARIANTS_KEY]
