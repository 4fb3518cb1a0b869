"""``POST @composite-import``: replace the arrangement with an exported one."""

from collective.composite import _
from collective.composite import arrangement
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import LockedByOther
from collective.composite.exceptions import StaleVersion
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.services.composite.get import serialize
from collective.composite.services.composite.patch import invalid
from collective.composite.services.composite.patch import read_version
from collective.composite.services.composite.patch import unknown_member
from collective.composite.services.export.get import FORMAT
from collective.composite.services.json_body import read_json_object
from collective.composite.services.locks import write_locked
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import require
from collective.composite.services.refusals import write_refusal
from collective.composite.services.writes import check_write
from plone.restapi.services import Service


# Members of an exported document that describe it and are not imported.
METADATA = frozenset({"format", "source", "exported"})
CHANGES = ("layout", "slots", "unplaced")


class ImportPost(Service):
    """Answer ``POST @composite-import`` with ``{"version": ..., "arrangement":
    <a GET @composite-export document>}``.

    The arrangement replaces the page's through the one write path, as one
    new revision; widgets keep their ids. Items the widgets refer to need not
    exist here: editors see a "missing item" card for them. Needs the design
    permission and the CSRF token (see ``PATCH @composite``); answers 200 with
    the new ``@composite`` resource, 400 naming the field (prefixed with
    ``arrangement.``), 409 while someone else holds the lock or for a stale
    version, 413 for a body too large.
    """

    def reply(self) -> dict:
        try:
            require(DESIGN_PERMISSION, self.context)
            check_write(self.request)
            body = read_json_object(self.request)
            unknown = sorted(set(body) - {"version", "arrangement"})
            if unknown:
                raise unknown_member(unknown[0])
            version = read_version(body)
            data = imported(body.get("arrangement"))
            # An import brings exactly what was exported, unplaced widgets too.
            data.setdefault("unplaced", [])
            self.write(data, version)
        except Refusal as refusal:
            return refusal.respond(self.request)
        return serialize(self.context)

    def write(self, data: dict, version: str) -> str:
        try:
            return arrangement._replace(self.context, data, version, "import")
        except (StaleVersion, InvalidArrangement) as error:
            raise write_refusal(error, prefix="arrangement") from None
        except LockedByOther as error:
            raise write_locked(self.context, error) from None


def imported(document) -> dict:
    """The arrangement of an exported document, as :func:`arrangement.replace`
    takes it.

    :raises Refusal: 400 for anything but an export of this format.
    """
    if not isinstance(document, dict):
        raise invalid(
            _("Send the exported arrangement as a JSON object."), field="arrangement"
        )
    if document.get("format", FORMAT) != FORMAT:
        raise invalid(
            _(
                "Unknown export format; expected '${format}'.",
                mapping={"format": FORMAT},
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
