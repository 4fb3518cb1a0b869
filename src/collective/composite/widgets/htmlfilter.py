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
    data = transforms.convertTo("text/x-html-safe", html, mimetype="text/html")
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
    data = transforms.convertTo("text/plain", html, mimetype="text/html")
    return safe_text(data.getData()).strip() if data is not None else ""
