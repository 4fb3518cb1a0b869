"""``@@composite-layout-preview/NAME``: a layout's preview image, by layout name.

Layouts name their preview by file path (any theme may ship one), so this view
gives each a URL: the ``preview`` of ``@composite-layouts``.
"""

from collective.composite.exceptions import UnknownLayout
from collective.composite.layouts.registry import get_layout
from pathlib import Path
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import mimetypes


@implementer(IPublishTraverse)
class LayoutPreview(BrowserView):
    """Serve the preview image of the layout named by the next path segment."""

    name = None

    def publishTraverse(self, request, name: str):
        if self.name is not None:
            raise NotFound(self, name, request)
        self.name = name
        return self

    def __call__(self) -> bytes:
        try:
            layout = get_layout(self.name or "", self.context, self.request)
        except UnknownLayout:
            raise NotFound(self.name) from None
        if not layout.preview:
            raise NotFound(self.name)
        path = Path(layout.preview)
        response = self.request.response
        response.setHeader(
            "Content-Type",
            mimetypes.guess_type(path.name)[0] or "application/octet-stream",
        )
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader("Cache-Control", "public, max-age=3600")
        # A theme's layout (layouts.theme_layouts) reads its own: its files
        # may live in the ZODB.
        read_preview = getattr(layout, "read_preview", None)
        return read_preview() if read_preview else path.read_bytes()


def preview_url(layout, context) -> str | None:
    """:returns: the URL of ``layout``'s preview on ``context``, or None."""
    if not layout.preview:
        return None
    return f"{context.absolute_url()}/@@composite-layout-preview/{layout.name}"
