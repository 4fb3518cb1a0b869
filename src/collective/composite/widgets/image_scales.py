"""The image sizes an editor chooses from: the site's image scales, in words.

Plone's own vocabulary (``plone.app.vocabularies.ImagesScales``) titles each
scale with its English name and its raw bounds, "huge 1600x65536", which no
language translates and whose 65536 only means "any height". Editors read
"Huge (1600 pixels wide)" here, in their language.
"""

from collective.composite import _
from collective.composite.localized_numbers import format_number
from plone.namedfile.interfaces import IAvailableSizes
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.i18nmessageid import Message
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


# Plone's scales (Site Setup > Image handling); a scale a site adds shows its name.
SCALE_NAMES = {
    "huge": _("scale_huge", default="Huge"),
    "great": _("scale_great", default="Great"),
    "larger": _("scale_larger", default="Larger"),
    "large": _("scale_large", default="Large"),
    "teaser": _("scale_teaser", default="Teaser"),
    "preview": _("scale_preview", default="Preview"),
    "mini": _("scale_mini", default="Mini"),
    "thumb": _("scale_thumb", default="Thumbnail"),
    "tile": _("scale_tile", default="Tile"),
    "icon": _("scale_icon", default="Icon"),
    "listing": _("scale_listing", default="Listing"),
}
# Plone writes a scale bound in width only as 65536 pixels high.
UNBOUNDED = 65536


def scale_title(name: str, width: int, height: int, request=None) -> Message:
    """The words for one scale, translated when shown.

    :param name: the scale's name (``large``).
    :param width: its largest width in pixels.
    :param height: its largest height in pixels, 65536 (or 0) for any.
    :param request: the request whose language writes the numbers
        ("1,600" or "1.600"); None: plain digits.
    :returns: "Large (800 pixels wide)", or "Thumbnail (128 × 128 pixels)".
    """
    mapping = {
        "name": SCALE_NAMES.get(name, name),
        "width": format_number(width, request),
        "height": format_number(height, request),
    }
    if not height or height >= UNBOUNDED:
        return _("${name} (${width} pixels wide)", mapping=mapping)
    return _("${name} (${width} × ${height} pixels)", mapping=mapping)


@provider(IVocabularyFactory)
def image_scales(context) -> SimpleVocabulary:
    """``collective.composite.ImageScales``: the site's image scales, largest first.

    :param context: unused; the scales are the site's.
    :returns: a vocabulary of scale names titled with :func:`scale_title`.
    """
    sizes = queryUtility(IAvailableSizes)
    scales = (sizes() if sizes is not None else None) or {}
    ordered = sorted(scales.items(), key=lambda item: (-item[1][0], item[0]))
    # Vocabularies are made per request (the settings form, @vocabularies):
    # its locale writes the sizes.
    request = getRequest()
    return SimpleVocabulary(
        [
            SimpleTerm(name, name, scale_title(name, width, height, request))
            for name, (width, height) in ordered
        ]
    )
