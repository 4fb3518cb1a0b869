"""Composite pages for the design-mode browser tests."""

from collective.composite import arrangement
from collective.composite.interfaces import ICompositeEnabled
from plone import api
from zope.interface import alsoProvides

import transaction


def make_page(portal, data: dict, id_: str = "page", title: str = "Our page"):
    """A published, composite-enabled page arranged as ``data``, committed.

    :param data: the arrangement, as ``arrangement.replace`` takes it.
    """
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(
            container=portal, type="Document", id=id_, title=title
        )
        alsoProvides(page, ICompositeEnabled)
        page.setLayout("composite-view")
        page.reindexObject()
        arrangement.replace(page, data, None)
    transaction.commit()
    return page


def text(widget_id: str, html: str) -> dict:
    return {"id": widget_id, "type": "text", "settings": {"text": html}}
