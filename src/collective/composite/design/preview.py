"""The preview page: the real page for an arrangement not saved yet.

``POST @composite-preview`` renders it, and design mode writes it into the
window of its Preview. The arrangement is rendered with the layout's real
template inside Plone's page, with a notice that nothing is saved yet, and
goes through Plone's transform chain (the theme's Diazo rules) as a page
would.
"""

from collective.composite import arrangement
from collective.composite.layouts.registry import get_layout
from collective.composite.layouts.registry import render_layout
from collective.composite.localized_numbers import format_number
from collective.composite.widgets.rendering import render_slots
from html import escape
from plone.transformchain.zpublisher import applyTransform
from Products.CMFCore.interfaces import IFolderish
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import re


_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


class PreviewPage(BrowserView):
    """Plone's page showing ``state`` as visitors will see it once saved.

    Not registered as a view: the preview is asked for with the unsaved
    arrangement (see ``POST @composite-preview``).

    :param state: the unsaved arrangement, validated as a save validates it
        (:func:`arrangement.preview`).
    """

    template = ViewPageTemplateFile("templates/preview.pt")

    def __init__(self, context, request, state: arrangement.Arrangement):
        super().__init__(context, request)
        self.state = state
        self.composed = ""

    @property
    def unplaced(self) -> int:
        """:returns: how many widgets the preview does not show."""
        return len(self.state.unplaced)

    def number(self, number: int) -> str:
        """:returns: ``number`` as the request's language writes it."""
        return format_number(number, self.request)

    def __call__(self) -> str:
        """:returns: the whole HTML document, with a ``<base href>`` at the
        page, so that the links in it work wherever it is shown."""
        layout = get_layout(self.state.layout, self.context, self.request)
        slots = render_slots(self.context, self.request, self.state.slots)
        self.composed = render_layout(layout, self, slots)
        base = f'<base href="{escape(base_url(self.context))}" />'
        html = _HEAD.sub(lambda head: head.group(0) + base, self.template(), count=1)
        return themed(self.request, html).strip()


def base_url(context) -> str:
    """:returns: the URL relative links on the page start from: the page's, a
    folderish page's as a folder (ending in "/")."""
    url = context.absolute_url()
    return f"{url}/" if IFolderish.providedBy(context) else url


def themed(request, html: str) -> str:
    """``html`` as Plone publishes a page: through its transform chain (the
    theme's Diazo rules, plone.protect's tokens in forms).

    The chain transforms HTML responses only: the response says HTML while it
    runs (the service answers JSON in the end).
    """
    request.response.setHeader("Content-Type", "text/html; charset=utf-8")
    transformed = applyTransform(request, html)
    if transformed is None:
        return html
    return b"".join(
        chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")
        for chunk in transformed
    ).decode("utf-8")
