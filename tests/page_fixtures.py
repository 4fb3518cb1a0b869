"""Helpers of the view, rendering, search and demo tests: composite pages with
widgets, small generated images, rendering as a given user."""

from collective.composite import arrangement
from collective.composite.arrangement.storage import find
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ICompositeLayer
from collective.composite.widgets.rendering import get_item_resolver
from contextlib import contextmanager
from io import BytesIO
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.namedfile.file import NamedBlobImage
from Products.CMFPlone.CatalogTool import CatalogTool
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides

import PIL.Image


def png(width: int = 60, height: int = 40, colour: str = "teal") -> bytes:
    """A small PNG made with Pillow."""
    out = BytesIO()
    PIL.Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def as_manager(portal) -> None:
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)


def as_role(portal, role: str) -> None:
    """Log the test user in with the site-wide ``role`` and no other."""
    setRoles(portal, TEST_USER_ID, [role])
    login(portal, TEST_USER_NAME)


def offered_configlets() -> dict[str, str]:
    """The configlets of Site Setup's add-on group that the logged-in user is
    offered.

    :returns: their URLs by id.
    """
    tool = api.portal.get_tool("portal_controlpanel")
    return {item["id"]: item["url"] for item in tool.enumConfiglets(group="Products")}


def as_visitor(portal) -> None:
    logout()


def composite_document(container, id_: str, title: str = ""):
    """A composite-enabled Document, created with the Manager role (the current
    user's own roles stay as they are); not committed."""
    with api.env.adopt_roles(["Manager"]):
        document = api.content.create(
            container=container, type="Document", id=id_, title=title
        )
    alsoProvides(document, ICompositeEnabled)
    return document


def make_image(container, id_: str = "picture", title: str = "A teal picture"):
    image = api.content.create(container=container, type="Image", id=id_, title=title)
    image.image = NamedBlobImage(data=png(), filename=f"{id_}.png")
    image.reindexObject()
    return image


def hide(obj) -> None:
    """Only Managers may view ``obj`` from now on."""
    obj.manage_permission("View", ["Manager"], acquire=False)
    obj.manage_permission("Access contents information", ["Manager"], acquire=False)
    obj.reindexObjectSecurity()


def add(page, type_name: str, settings: dict, slot: str = "main"):
    """Add a widget through the arrangement API, as the logged-in user."""
    return arrangement.add_widget(page, slot, type_name, settings)


def store_settings(page, widget_id: str, settings: dict) -> None:
    """Store ``settings`` for a widget behind the API's back, as a page
    saved by an earlier release (or before a check existed) may hold them;
    the version goes on, as with every write of the stored widgets."""
    storage = find(page)
    storage.widgets[widget_id].settings = settings
    storage.counter += 1


def render(obj, request, view: str = "composite-view") -> str:
    """Render a view of ``obj`` as the current user, with a fresh item cache (in
    a real request the user does not change between renders)."""
    alsoProvides(request, ICompositeLayer)
    IAnnotations(request).pop("collective.composite.items", None)
    return obj.restrictedTraverse(f"@@{view}")()


def resolver(obj, request):
    return get_item_resolver(obj, request)


@contextmanager
def composite_documents(portal, view_method: bool = False):
    """Give the Document type the composite behavior (and optionally the
    composite view), for the duration. Through ``manage_changeProperties``, so
    Dexterity's schema cache follows both ways."""
    fti = portal.portal_types["Document"]
    behaviors, view_methods = fti.behaviors, fti.view_methods
    changes = {"behaviors": (*behaviors, "collective.composite.composite")}
    if view_method:
        changes["view_methods"] = (*view_methods, "composite-view")
    fti.manage_changeProperties(**changes)
    try:
        yield fti
    finally:
        fti.manage_changeProperties(behaviors=behaviors, view_methods=view_methods)


def counted_searches(monkeypatch, wanted) -> list:
    """The keyword arguments of every catalog search whose query ``wanted``
    (a predicate on the query's dict) picks, from now on in the test."""
    seen = []
    original = CatalogTool.searchResults

    def counting(self, query=None, **kw):
        if wanted({**(query or {}), **kw}):
            seen.append(kw)
        return original(self, query, **kw)

    monkeypatch.setattr(CatalogTool, "searchResults", counting)
    monkeypatch.setattr(CatalogTool, "__call__", counting)
    return seen
