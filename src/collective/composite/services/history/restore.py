"""``POST @composite-history/<number>/restore``: restore a revision."""

from collective.composite.arrangement import history
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import LockedByOther
from collective.composite.exceptions import StaleVersion
from collective.composite.exceptions import UnknownRevision
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.services.composite.get import serialize
from collective.composite.services.composite.patch import read_version
from collective.composite.services.composite.patch import unknown_member
from collective.composite.services.history.get import HistoryService
from collective.composite.services.history.get import not_found
from collective.composite.services.history.get import revision_number
from collective.composite.services.json_body import read_json_object
from collective.composite.services.locks import write_locked
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import require
from collective.composite.services.refusals import write_refusal
from collective.composite.services.writes import check_write


class HistoryRestore(HistoryService):
    """Answer ``POST @composite-history/<number>/restore`` with
    ``{"version": ...}``: the arrangement as that revision left it becomes a
    new revision. Needs the design permission and the CSRF token (see
    ``PATCH @composite``); answers 200 with the new ``@composite`` resource,
    409 while someone else holds the lock or for a stale version, 404 for a
    revision not kept."""

    def reply(self) -> dict:
        try:
            require(DESIGN_PERMISSION, self.context)
            if len(self.params) != 2 or self.params[1] != "restore":
                raise not_found("/".join(self.params))
            number = revision_number(self.params[0])
            check_write(self.request)
            body = read_json_object(self.request)
            version = read_version(body)
            if set(body) != {"version"}:
                raise unknown_member(sorted(set(body) - {"version"})[0])
            self.restore(number, version)
        except Refusal as refusal:
            return refusal.respond(self.request)
        return serialize(self.context)

    def restore(self, number: int, version: str) -> str:
        try:
            return history.restore(self.context, number, version)
        except UnknownRevision:
            raise not_found(number) from None
        except (StaleVersion, InvalidArrangement) as error:
            # The offending value is in the revision, not in the body: its
            # path is given in the ``arrangement`` the revision's GET shows.
            raise write_refusal(error, prefix="arrangement") from None
        except LockedByOther as error:
            raise write_locked(self.context, error) from None
