"""``POST @composite-import``: replace the arrangement with an exported one."""

from collective.composite import _
from collective.composite import arrangement
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import LockedByOther
from collective.composite.exceptions import StaleVersion
from collective.composite.refusals import invalid
from collective.composite.refusals import unknown_member
from collective.composite.refusals import write_refusal
from collective.composite.serializers import composite_data
from collective.composite.serializers import EXPORT_FORMAT
from collective.composite.services.base import check_members
from collective.composite.services.base import CompositeService
from collective.composite.services.base import read_version
from collective.composite.services.locks import write_locked


# Members of an exported document that describe it and are not imported.
METADATA = frozenset({"format", "source", "exported"})
CHANGES = ("layout", "slots", "unplaced")


class ImportPost(CompositeService):
    """Answer ``POST @composite-import`` with ``{"version": ..., "arrangement":
    <a GET @composite-export document>}``.

    The arrangement replaces the page's through the one write path, as one
    new revision; widgets keep their ids. Items the widgets refer to need not
    exist here: editors see a "missing item" card for them. Needs the design
    permission and the CSRF token (see
    :meth:`~..base.CompositeService.check_csrf`); answers 200 with the new
    ``@composite`` resource, 400 naming the field (prefixed with
    ``arrangement.``), 409 while someone else holds the lock or for a stale
    version, 413 for a body too large.
    """

    def answer(self) -> dict:
        self.check_csrf()
        body = self.read_body()
        check_members(body, {"version", "arrangement"})
        version = read_version(body)
        data = imported(body.get("arrangement"))
        # An import brings exactly what was exported, unplaced widgets too.
        data.setdefault("unplaced", [])
        self.write(data, version)
        return composite_data(self.context)

    def write(self, data: dict, version: str) -> str:
        try:
            return arrangement.save(self.context, data, version, action="import")
        except (StaleVersion, InvalidArrangement) as error:
            raise write_refusal(error, prefix="arrangement") from None
        except LockedByOther as error:
            raise write_locked(self.context, error) from None


def imported(document) -> dict:
    """The arrangement of an exported document, as :func:`arrangement.save`
    takes it.

    :raises Refusal: 400 for anything but an export of this format.
    """
    if not isinstance(document, dict):
        raise invalid(
            _("Send the exported arrangement as a JSON object."), field="arrangement"
        )
    if document.get("format", EXPORT_FORMAT) != EXPORT_FORMAT:
        raise invalid(
            _(
                "Unknown export format; expected '${format}'.",
                mapping={"format": EXPORT_FORMAT},
            ),
            field="arrangement.format",
        )
    unknown = sorted(set(document) - METADATA - set(CHANGES))
    if unknown:
        raise unknown_member(unknown[0], field=f"arrangement.{unknown[0]}")
    if "slots" not in document:
        raise invalid(
            _("The exported arrangement has no slots."), field="arrangement.slots"
        )
    return {name: document[name] for name in CHANGES if name in document}
