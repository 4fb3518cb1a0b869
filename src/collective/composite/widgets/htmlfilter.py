"""Plone's configured HTML filter (safe_html) and HTML-to-text, for widgets."""

from plone.base.utils import safe_text
from Products.CMFCore.utils import getToolByName


def safe_html(html: str, context) -> str:
    """Filter ``html`` through Plone's safe_html transform.

    The transform follows the site's HTML filtering settings (the control panel),
    so an integrator who allows ``iframe`` there gets embeds, and one who disables
    filtering gets everything.

    :param html: the HTML to filter.
    :param context: any content in the site, to find ``portal_transforms``.
    :returns: the filtered HTML ("" for nothing).
    """
    if not html:
        return ""
    transforms = getToolByName(context, "portal_transforms")
    # The named transform, as convertTo would pick it for text/html to
    # text/x-html-safe, without convertTo's path search, which costs far more
    # than the filtering itself (this runs for every text widget on every view).
    data = transforms.convert("safe_html", html)
    return safe_text(data.getData()) if data is not None else ""


def html_to_text(html: str, context) -> str:
    """The text of ``html`` without tags, as Plone indexes rich text.

    :param html: the HTML.
    :param context: any content in the site, to find ``portal_transforms``.
    :returns: plain text.
    """
    if not html:
        return ""
    transforms = getToolByName(context, "portal_transforms")
    # The named transform directly, skipping convertTo's costly path search.
    data = transforms.convert("html_to_text", html)
    return safe_text(data.getData()).strip() if data is not None else ""
