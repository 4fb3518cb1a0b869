"""``POST @composite-history/<number>/restore``: restore a revision."""

from collective.composite import _
from collective.composite import history
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import StaleVersion
from collective.composite.exceptions import UnknownRevision
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.services.composite.get import serialize
from collective.composite.services.composite.patch import invalid
from collective.composite.services.composite.patch import max_payload_bytes
from collective.composite.services.composite.patch import read_json_object
from collective.composite.services.history.get import not_found
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import require
from collective.composite.services.writes import check_write
from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class HistoryRestore(Service):
    """Answer ``POST @composite-history/<number>/restore`` with
    ``{"version": ...}``: the arrangement as that revision left it becomes a
    new revision. Needs the design permission and the CSRF token (see
    ``PATCH @composite``); answers 200 with the new ``@composite`` resource,
    409 for a stale version, 404 for a revision not kept."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def reply(self) -> dict:
        try:
            require(DESIGN_PERMISSION, self.context)
            if len(self.params) != 2 or self.params[1] != "restore":
                raise not_found("/".join(self.params))
            number = self.params[0]
            if not number.isdigit():
                raise not_found(number)
            check_write(self.request)
            body = read_json_object(self.request, max_payload_bytes())
            version = body.get("version")
            if not isinstance(version, str):
                raise invalid(
                    _("Send the version you read, as a string."), field="version"
                )
            if set(body) != {"version"}:
                name = sorted(set(body) - {"version"})[0]
                raise invalid(
                    _("Unknown member '${name}'.", mapping={"name": name}),
                    field=name,
                )
            self.restore(int(number), version)
        except Refusal as refusal:
            return refusal.respond(self.request)
        return serialize(self.context)

    def restore(self, number: int, version: str) -> str:
        try:
            return history.restore(self.context, number, version)
        except UnknownRevision:
            raise not_found(number) from None
        except StaleVersion as error:
            raise Refusal(
                409, "StaleVersion", error.message, version=error.current
            ) from None
        except InvalidArrangement as error:
            raise Refusal(
                400, type(error).__name__, error.message, field=error.field
            ) from None
