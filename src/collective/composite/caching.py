"""HTTP caching of composite pages with plone.app.caching.

The real view is in the ``collective.composite.page`` ruleset (see
``caching.zcml``; the default profile maps it to weak caching with the
ETag components of a folder's view, ``roles`` and ``composite``: see
``setuphandlers.ETAGS``). The ``composite`` component changes when the page's
arrangement is saved or when an item it shows is modified, made private or
deleted, so a caching proxy or browser revalidating with ``If-None-Match`` gets
a 304 exactly while the page is unchanged. Saving an arrangement, and changing
an item the page shows, purges the page's paths from a caching proxy.
"""

from collective.composite import arrangement
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.interfaces import IArrangementModifiedEvent
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import IShownItemModifiedEvent
from collective.composite.widgets.rendering import get_item_resolver
from collective.composite.widgets.types import get_widget_type
from plone.app.caching.interfaces import IETagValue
from plone.app.caching.utils import isPurged
from z3c.caching.interfaces import IPurgePaths
from z3c.caching.purge import Purge
from zope.component import adapter
from zope.event import notify
from zope.interface import implementer
from zope.interface import Interface

import hashlib


# Paths under a page that show its arrangement, besides those plone.app.caching
# purges for every content item (the item, "view" and its default view).
PURGED_VIEWS = ("@@composite-view", "composite-view", "@composite")
# plone.rest's traverser of the REST API's URLs (``/++api++/page/@composite``).
API_PREFIX = "/++api++"


def page_of(published):
    """The content object a published view renders.

    :param published: the published object (a browser view or the content).
    :returns: the composite-enabled content, or None.
    """
    if ICompositeEnabled.providedBy(published):
        return published
    context = getattr(published, "context", None)
    return context if ICompositeEnabled.providedBy(context) else None


def arrangement_etag(context, request) -> str:
    """A token that changes with the arrangement and the items it shows.

    It combines the arrangement version with the modification time of every
    referenced item the current user can see, from the page's one catalog query
    (the request's item resolver, which the rendering then reuses), so an item
    modified, made private or deleted changes it too.

    :param context: a composite-enabled content object.
    :param request: the request.
    :returns: a short hexadecimal token.
    """
    state = arrangement.get(context)
    uids = []
    for widget in state.widgets:
        try:
            uids.extend(get_widget_type(widget.type).references(widget.settings))
        except UnknownWidgetType:
            continue  # rendered as an error card, which the version covers
    uids = sorted({uid for uid in uids if uid})
    items = get_item_resolver(context, request)
    items.fetch(uids)
    parts = [state.layout, state.version]
    for uid in uids:
        brain = items.brain(uid)
        parts.append(f"{uid}:{_modified(brain)}")
    return hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()[
        :16
    ]


def _modified(brain) -> str:
    if brain is None:
        return "-"
    modified = getattr(brain, "modified", None)
    return str(modified.micros()) if modified is not None else "?"


@implementer(IETagValue)
@adapter(Interface, Interface)
class CompositeETag:
    """The ``composite`` ETag component: see :func:`arrangement_etag`.

    Empty for anything but a composite page, so it can be listed in any
    ruleset.
    """

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self) -> str | None:
        context = page_of(self.published)
        if context is None:
            return None
        return arrangement_etag(context, self.request)


@implementer(IPurgePaths)
@adapter(ICompositeEnabled)
class CompositePurgePaths:
    """The paths showing a page's arrangement, for a caching proxy to purge."""

    def __init__(self, context):
        self.context = context

    def getRelativePaths(self) -> list[str]:
        """:returns: the page's path, its views' and its ``@composite`` as
        headless front ends read it (``/++api++/<page>/@composite``, as
        plone.restapi purges its own endpoints), under the virtual host's
        root; the site root's views as ``/@@composite-view``, not
        ``//@@composite-view``."""
        prefix = "/" + self.context.virtual_url_path()
        base = prefix.rstrip("/")
        return (
            [prefix]
            + [f"{base}/{name}" for name in PURGED_VIEWS]
            + [f"{API_PREFIX}{base}/@composite"]
        )

    def getAbsolutePaths(self) -> list[str]:
        return []


@adapter(ICompositeEnabled, IArrangementModifiedEvent)
def purge_on_save(context, event) -> None:
    """Purge the page from the caching proxy when its arrangement is saved
    (saving does not modify the content object itself)."""
    if isPurged(context):
        notify(Purge(context))


@adapter(ICompositeEnabled, IShownItemModifiedEvent)
def purge_on_item_change(context, event) -> None:
    """Purge the page from the caching proxy when an item it shows changed."""
    if isPurged(context):
        notify(Purge(context))
