"""``GET @composite-history`` and ``GET @composite-history/<number>``."""

from collective.composite import _
from collective.composite.arrangement import history
from collective.composite.arrangement.revisions import retention_limit
from collective.composite.exceptions import UnknownRevision
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.services.export.get import arrangement_data
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import require
from plone import api
from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import re


# Revision numbers as URLs spell them: ASCII digits (``str.isdigit`` also
# takes "²", which ``int`` refuses), few enough for ``int`` to read at once.
_NUMBER = re.compile(r"[0-9]{1,18}")


def revision_data(context, revision: history.Revision, request) -> dict:
    """A revision as the services give it.

    :returns: ``@id``, ``number``, ``version``, ``time`` (ISO 8601, UTC),
        ``user`` (``id`` and ``fullname``), ``action``, ``summary`` (a
        translated line) and ``changes`` (the counts behind it).
    """
    user = api.user.get(userid=revision.user)
    fullname = (user.getProperty("fullname") if user is not None else "") or ""
    return {
        "@id": f"{context.absolute_url()}/@composite-history/{revision.number}",
        "number": revision.number,
        "version": revision.version,
        "time": revision.time.isoformat(),
        "user": {"id": revision.user, "fullname": fullname or revision.user},
        "action": revision.action,
        "summary": history.describe(revision, request, context),
        "changes": dict(revision.summary),
    }


def not_found(number) -> Refusal:
    return Refusal(
        404,
        "UnknownRevision",
        _(
            "The history of this page keeps no revision ${number}.",
            mapping={"number": str(number)},
        ),
    )


def revision_number(segment: str) -> int:
    """The revision number a URL segment spells.

    :raises Refusal: 404 for anything but a number of ASCII digits.
    """
    if not _NUMBER.fullmatch(segment):
        raise not_found(segment[:32])
    return int(segment)


@implementer(IPublishTraverse)
class HistoryService(Service):
    """A service of ``@composite-history`` that keeps the names after it in
    the URL (a revision number, ``restore``) in ``params``."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self


class HistoryGet(HistoryService):
    """Answer ``GET @composite-history`` (the kept revisions, newest first)
    and ``GET @composite-history/<number>`` (one revision with the
    arrangement it left); needs the design permission."""

    def reply(self) -> dict:
        try:
            require(DESIGN_PERMISSION, self.context)
            if not self.params:
                return self.listing()
            if len(self.params) > 1:
                raise not_found("/".join(self.params))
            return self.revision(self.params[0])
        except Refusal as refusal:
            return refusal.respond(self.request)

    def listing(self) -> dict:
        url = self.context.absolute_url()
        items = [
            revision_data(self.context, revision, self.request)
            for revision in history.get_revisions(self.context)
        ]
        return {
            "@id": f"{url}/@composite-history",
            "items": items,
            "items_total": len(items),
            "retention": retention_limit(),
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
