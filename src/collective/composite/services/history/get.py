"""``GET @composite-history`` and ``GET @composite-history/<number>``."""

from collective.composite import _
from collective.composite.arrangement import history
from collective.composite.exceptions import UnknownRevision
from collective.composite.interfaces import MAX_HISTORY_RETENTION
from collective.composite.refusals import Refusal
from collective.composite.serializers import arrangement_data
from collective.composite.serializers import revision_data
from collective.composite.services.base import CompositeService
from collective.composite.services.batching import ServiceBatch
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import re


# Revision numbers as URLs spell them: ASCII digits (``str.isdigit`` also
# takes "²", which ``int`` refuses), few enough for ``int`` to read at once.
_NUMBER = re.compile(r"[0-9]{1,18}")


def not_found(number) -> Refusal:
    return Refusal(
        404,
        "UnknownRevision",
        _(
            "The history of this page keeps no revision ${number}.",
            mapping={"number": str(number)},
        ),
    )


def wrong_method(request, allowed: str, message) -> Refusal:
    """A 405 naming, as RFC 9110 asks, the method the resource takes in
    ``Allow``: a script sending the other one learns that, rather than that
    an existing revision is not kept."""
    request.response.setHeader("Allow", allowed)
    return Refusal(405, "MethodNotAllowed", message, allow=allowed)


def kept_revision(context, segment: str) -> int:
    """:returns: the number of a revision the page keeps.
    :raises Refusal: 404 for anything else."""
    number = revision_number(segment)
    try:
        history.get_revision(context, number)
    except UnknownRevision:
        raise not_found(number) from None
    return number


def revision_number(segment: str) -> int:
    """The revision number a URL segment spells.

    :raises Refusal: 404 for anything but a number of ASCII digits.
    """
    if not _NUMBER.fullmatch(segment):
        raise not_found(segment[:32])
    return int(segment)


@implementer(IPublishTraverse)
class HistoryService(CompositeService):
    """A service of ``@composite-history`` that keeps the names after it in
    the URL (a revision number, ``restore``) in ``params``."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self


class HistoryGet(HistoryService):
    """Answer ``GET @composite-history`` (the kept revisions, newest first,
    paged as plone.restapi pages lists: ``b_start``, ``b_size``) and
    ``GET @composite-history/<number>`` (one revision with the arrangement it
    left); needs the design permission."""

    def answer(self) -> dict:
        if not self.params:
            return self.listing()
        if self.params[1:] == ["restore"]:
            kept_revision(self.context, self.params[0])
            raise wrong_method(
                self.request, "POST", _("Restore a revision with POST, not GET.")
            )
        if len(self.params) > 1:
            raise not_found("/".join(self.params))
        return self.revision(self.params[0])

    def listing(self) -> dict:
        """The kept revisions, newest first, paged by ``b_start`` and
        ``b_size``: by default one page holds them all (design mode's History
        panel reads the first page only)."""
        batch = ServiceBatch(
            self.request,
            history.get_revisions(self.context),
            size=MAX_HISTORY_RETENTION,
            largest=MAX_HISTORY_RETENTION,
        )
        return {
            "@id": f"{self.context.absolute_url()}/@composite-history",
            "items": [
                revision_data(self.context, revision, self.request)
                for revision in batch
            ],
            **batch.page(),
            "retention": history.retention(),
        }

    def revision(self, segment: str) -> dict:
        number = revision_number(segment)
        try:
            revision, shown = history.get_revision(self.context, number)
        except UnknownRevision:
            raise not_found(number) from None
        return {
            **revision_data(self.context, revision, self.request),
            "arrangement": arrangement_data(shown),
            "restore": {
                "@id": f"{self.context.absolute_url()}/@composite-history/"
                f"{revision.number}/restore"
            },
        }
