"""``POST @composite-history/<number>/restore``: restore a revision."""

from collective.composite import _
from collective.composite.arrangement import history
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import LockedByOther
from collective.composite.exceptions import StaleVersion
from collective.composite.exceptions import UnknownRevision
from collective.composite.refusals import write_refusal
from collective.composite.serializers import composite_data
from collective.composite.services.base import check_members
from collective.composite.services.base import read_version
from collective.composite.services.history.get import HistoryService
from collective.composite.services.history.get import kept_revision
from collective.composite.services.history.get import not_found
from collective.composite.services.history.get import revision_number
from collective.composite.services.history.get import wrong_method
from collective.composite.services.locks import write_locked


class HistoryRestore(HistoryService):
    """Answer ``POST @composite-history/<number>/restore`` with
    ``{"version": ...}``: the arrangement as that revision left it becomes a
    new revision. Needs the design permission and the CSRF token (see
    :meth:`~..base.CompositeService.check_csrf`); answers 200 with the new
    ``@composite`` resource, 409 while someone else holds the lock or for a
    stale version, 404 for a revision not kept; 405 to a ``POST`` of the
    history or of a revision, which are read with ``GET``."""

    def answer(self) -> dict:
        if len(self.params) < 2:
            if self.params:
                kept_revision(self.context, self.params[0])
            raise wrong_method(
                self.request,
                "GET",
                _(
                    "Read the history with GET; restore a revision with POST "
                    "to its restore URL."
                ),
            )
        if len(self.params) != 2 or self.params[1] != "restore":
            raise not_found("/".join(self.params))
        number = revision_number(self.params[0])
        self.check_csrf()
        body = self.read_body()
        version = read_version(body)
        check_members(body, {"version"})
        self.restore(number, version)
        return composite_data(self.context)

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
