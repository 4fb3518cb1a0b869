"""Responsive pictures of catalogued images, as Plone's ``@@images/picture``
builds them: a ``srcset`` of the image's scales (the site's picture variant
of the scale, ``plone.picture_variants``, when there is one), lazy loading,
the scale's ``width``/``height``.

Built from the catalog's ``image_scales`` metadata alone: the item is not
loaded and no scale is generated or recorded while the page renders (each
scale URL generates it on its own request). The image widget shows its image
with it, the content and listing widgets their items' thumbnails.
"""

from html import escape
from plone.namedfile.picture import get_picture_variants
from zope.annotation.interfaces import IAnnotations


def attributes(values: dict) -> str:
    """:returns: the escaped ``name="value"`` pairs of a tag; None values are
    left out, and empty ones too except ``alt`` (empty: a decorative image)."""
    return " ".join(
        f'{name}="{escape(str(value))}"'
        for name, value in values.items()
        if value is not None and (value != "" or name == "alt")
    )


def picture_tag(
    brain, scale: str, request, alt: str, css_class: str = "", item_url: str = ""
) -> str:
    """A ``<picture>`` of the ``image`` field of a catalogued item.

    The scale keeps its meaning: it is the ``<img>``'s ``src`` and size. The
    ``srcset`` is that of the site's picture variant whose scale it is;
    without one, the image's scales up to the chosen one, so that a narrow
    screen fetches less. An image smaller than the scale is shown at its own
    size.

    :param brain: a catalog brain.
    :param scale: a scale name (``thumb``, ``preview``, ``large``...).
    :param request: the request (it keeps the site's picture variants).
    :param alt: the alternative text.
    :param css_class: the ``<img>``'s ``class``.
    :param item_url: the item's URL, when the caller has it already
        (``brain.getURL()``).
    :returns: the tag, or "" when the item has no image.
    """
    images = (getattr(brain, "image_scales", None) or {}).get("image")
    if not images:
        return ""
    original = images[0]
    # The catalog lists only the scales narrower than the image itself.
    scales = original.get("scales") or {}
    chosen = scales.get(scale) or original
    base = item_url or brain.getURL()

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
            "srcset": srcset([source["scale"], *source.get("additionalScales", [])]),
            "media": source.get("media"),
            "sizes": source.get("sizes"),
        }
        for source in variant_sources(request, scale)
    ] or [
        {
            "srcset": srcset(
                [n for n, data in scales.items() if data["width"] <= width] + [scale]
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
        "alt": alt,
        "width": width,
        "height": chosen.get("height"),
        "loading": "lazy",
        "class": css_class,
    }
    return "<picture>{}<img {} /></picture>".format(
        "".join(f"<source {attributes(source)} />" for source in sources),
        attributes(img),
    )


def variant_sources(request, scale: str) -> list[dict]:
    """:returns: the sources of the site's first picture variant showing
    ``scale`` (its last source's scale, the ``<img>``'s as in Plone), or []."""
    for variant in picture_variants(request).values():
        sourceset = variant.get("sourceset") or []
        if sourceset and sourceset[-1].get("scale") == scale:
            return sourceset
    return []


_VARIANTS_KEY = "collective.composite.picture-variants"


def picture_variants(request) -> dict:
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
