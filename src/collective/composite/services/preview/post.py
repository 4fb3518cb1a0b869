"""``POST @composite-preview``: the real page for an arrangement not saved
yet, which design mode's Preview shows."""

from collective.composite.design.preview import PreviewPage
from collective.composite.services.base import check_members
from collective.composite.services.base import CompositeService
from collective.composite.services.unsaved import unsaved_arrangement


class PreviewPost(CompositeService):
    """Answer ``POST @composite-preview`` with ``{"arrangement": <the JSON a
    PATCH @composite would save>}``.

    The arrangement is validated as a save would validate it and rendered with
    the layout's real template in Plone's page; nothing is stored. Answers
    ``{"html": <the whole HTML document>}`` (see
    :class:`~collective.composite.design.preview.PreviewPage`); 400 naming the
    field for what a save would refuse. Needs the design permission and the
    CSRF token (see :meth:`~..base.CompositeService.check_csrf`).
    """

    def answer(self) -> dict:
        self.check_csrf()
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        response.setHeader("X-Robots-Tag", "noindex")
        body = self.read_body()
        check_members(body, {"arrangement"})
        state = unsaved_arrangement(self.context, body)
        return {"html": PreviewPage(self.context, self.request, state)()}
