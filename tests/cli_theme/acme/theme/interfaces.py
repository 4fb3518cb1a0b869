"""The fixture theme's browser layer (named in its ZCML, never imported)."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IAcmeThemeLayer(IDefaultBrowserLayer):
    """Marker of the fixture theme's requests."""
