"""The answer to a write of the add-on that lost every retry to ZODB conflicts.

Two requests committing changes to the same persistent objects at once make
the later one fail with ``ConflictError``; Zope then runs it again from the
start, up to three times. Saves of different pages share only the catalog's
indexes, so such conflicts are rare, but under load a save can lose every
retry. Zope then shows its error page (500), as for any exception. For the
add-on's own views and services this view answers ``503 Service Unavailable``
with ``Retry-After`` instead, and the error in the services' JSON shape: the
request changed nothing and may simply be sent again, which design mode tells
the editor. Other requests get the site's usual error page.
"""

from collective.composite import _
from Products.Five.browser import BrowserView
from zope.component import getSiteManager
from zope.i18n import translate
from zope.interface import implementedBy
from zope.interface import Interface
from zope.interface import providedBy

import json


MESSAGE = _("The site was too busy to save this change: nothing was saved. Try again.")
# Seconds; the conflicting requests are usually done by then.
RETRY_AFTER = "1"


class ConflictErrorView(BrowserView):
    """The exception view (``index.html``) of ``ConflictError``."""

    def __call__(self) -> str:
        if not ours(self.request.get("PUBLISHED")):
            return self.site_error_page()
        response = self.request.response
        # Locked: the publisher's failure handlers set the status again from
        # the exception's class, which Zope knows no status of (500).
        response.setStatus(503, lock=True)
        response.setHeader("Retry-After", RETRY_AFTER)
        response.setHeader("Cache-Control", "no-store")
        message = translate(MESSAGE, context=self.request)
        response.setHeader("Content-Type", "application/json")
        return json.dumps({"error": {"type": "ConflictError", "message": message}})

    def site_error_page(self) -> str:
        """The answer the site gives any other exception: the exception view
        registered for ``Exception`` (Plone's error page, plone.rest's JSON)."""
        factory = getSiteManager().adapters.lookup(
            (implementedBy(Exception), providedBy(self.request)),
            Interface,
            name="index.html",
        )
        view = factory(self.context, self.request)
        view.__parent__ = self.__parent__
        return view()


def ours(published) -> bool:
    """:returns: whether ``published`` (a request's published object) is one
    of the add-on's views or services."""
    return any(
        cls.__module__.startswith("collective.composite.")
        for cls in type(published).__mro__
    )
