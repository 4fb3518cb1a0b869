"""Plone's configured HTML filter (safe_html) and HTML-to-text, for widgets.

Text and HTML widgets are filtered on every view, so that a filter tightened
after a widget was saved still applies to it. Both transforms are pure functions
of the HTML and of the site's HTML filtering settings, so their results are kept
in a bounded memo in this process, keyed by a digest of both: a changed setting
or a changed text is simply a different key, and there is nothing to invalidate
(several processes each keep their own memo, all equally right).
"""

from collective.composite.widgets.shared_memo import Memo
from plone.base.interfaces import IFilterSchema
from plone.base.utils import safe_text
from plone.registry.interfaces import IRegistry
from Products.CMFCore.utils import getToolByName
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.schema import getFieldNames

import hashlib
import re


# The filtered HTML of every text widget of a large site fits easily; a memo
# miss costs one filtering, as before.
MEMO_CHARACTERS = 8_000_000
memo = Memo(MEMO_CHARACTERS)
_FILTER_SETTINGS = tuple(f"plone.{name}" for name in getFieldNames(IFilterSchema))
_REQUEST_KEY = "collective.composite.filter-settings"
# What XML 1.0 cannot hold (lxml refuses it in a text node): C0 controls but
# tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def filter_settings() -> str:
    """The site's HTML filtering settings (the control panel), as one string.

    :returns: the settings' values in a fixed order; "" outside a site.
    """
    # A page filters many widgets: the settings are read from the registry
    # once per request (not once per widget), and read again after a change
    # of one of them in this request (see forget_filter_settings).
    request = getRequest()
    annotations = IAnnotations(request, None) if request is not None else None
    known = annotations.get(_REQUEST_KEY) if annotations is not None else None
    if known is not None:
        return known
    registry = queryUtility(IRegistry)
    if registry is None:
        return ""
    settings = repr([registry.get(name) for name in _FILTER_SETTINGS])
    if annotations is not None:
        annotations[_REQUEST_KEY] = settings
    return settings


def forget_filter_settings(event) -> None:
    """Read the HTML filtering settings again after one of them changed.

    Subscriber of plone.registry's ``IRecordModifiedEvent``.

    :param event: the event; its ``record`` is the changed record.
    """
    name = getattr(getattr(event, "record", None), "__name__", None)
    request = getRequest()
    if name in _FILTER_SETTINGS and request is not None:
        annotations = IAnnotations(request, None)
        if annotations is not None:
            annotations.pop(_REQUEST_KEY, None)


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
    return _transformed("safe_html", html, context, filter_settings())


def html_to_text(html: str, context) -> str:
    """The text of ``html`` without tags, as Plone indexes rich text.

    :param html: the HTML.
    :param context: any content in the site, to find ``portal_transforms``.
    :returns: plain text.
    """
    if not html:
        return ""
    return _transformed("html_to_text", html, context).strip()


def _transformed(name: str, html: str, context, settings: str = "") -> str:
    """The output of the transform ``name``, from the memo when it has it."""
    # The transforms encode to UTF-8, which a lone surrogate fails, and parse
    # with lxml, which refuses control characters. The API refuses lone
    # surrogates, but text stored before it did must still render.
    html = _NOT_XML.sub("\ufffd", html)
    key = hashlib.sha256(
        "\0".join((name, settings, html)).encode("utf-8", "surrogatepass")
    ).digest()
    result = memo.get(key)
    if result is None:
        transforms = getToolByName(context, "portal_transforms")
        # The named transform, as convertTo would pick it, without convertTo's
        # path search, which costs far more than the transform itself.
        data = transforms.convert(name, html)
        result = safe_text(data.getData()) if data is not None else ""
        memo.set(key, result)
    return result
