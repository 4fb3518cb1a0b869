"""``PATCH @composite``: change the arrangement of a page.

The service only translates: it reads and checks the request (permission, CSRF
token, then size and JSON, see :mod:`~collective.composite.services.base`),
then makes one call on :mod:`collective.composite.arrangement`, the one write
path, and turns its exceptions into statuses.
"""

from collective.composite import _
from collective.composite import arrangement
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import LockedByOther
from collective.composite.exceptions import StaleVersion
from collective.composite.refusals import invalid
from collective.composite.refusals import write_refusal
from collective.composite.serializers import composite_data
from collective.composite.services.base import check_members
from collective.composite.services.base import CompositeService
from collective.composite.services.base import read_version
from collective.composite.services.locks import write_locked


# Members of a GET response that a PATCH may send back unchanged; ignored.
READ_ONLY = frozenset({"@id", "layouts"})
CHANGES = ("layout", "slots", "unplaced")


class CompositePatch(CompositeService):
    """Answer ``PATCH @composite``; needs the design permission.

    The body is ``{"version": ..., "layout"?, "slots"?, "unplaced"?}``; members
    left out keep their current value. A body changing only the layout switches
    it (widgets of slots the new layout lacks become unplaced); any other body
    replaces the arrangement. Answers 200 with the new ``@composite`` resource.
    """

    def answer(self) -> dict:
        self.check_csrf()
        body = self.read_body()
        self.write(changes(body), read_version(body))
        return composite_data(self.context)

    def write(self, changed: dict, version: str) -> str:
        """Make the one call on the arrangement API.

        The design permission was checked before (the API checks it again).

        :returns: the new version.
        :raises Refusal: 409 while someone else holds the lock (``Locked``)
            or for a stale version, 400 for invalid input.
        """
        try:
            if set(changed) == {"layout"}:
                return arrangement.set_layout(
                    self.context, changed["layout"], version=version
                )
            # Left out, the API keeps the layout and the unplaced widgets but
            # empties the slots: a PATCH keeps them too (read only then: a
            # body with slots replaces them all).
            data = dict(changed)
            if "slots" not in data:
                data["slots"] = current_slots(self.context)
            return arrangement.save(self.context, data, version)
        except (StaleVersion, InvalidArrangement) as error:
            raise write_refusal(error) from None
        except LockedByOther as error:
            raise write_locked(self.context, error) from None


def changes(body: dict) -> dict:
    """The members of the body that change the arrangement.

    :raises Refusal: 400 for an unknown member, or when nothing would change.
    """
    check_members(body, {"version", *CHANGES, *READ_ONLY})
    changed = {name: body[name] for name in CHANGES if name in body}
    if not changed:
        raise invalid(_("Send at least one of layout, slots and unplaced."))
    for name in ("slots", "unplaced"):
        if name in changed:
            changed[name] = _without_references(changed[name])
    return changed


def _without_references(value):
    # ``references`` is read-only: a widget sent back as GET gave it drops it.
    # Anything not shaped like widgets is left for the API to refuse.
    if isinstance(value, dict):
        return {slot: _without_references(widgets) for slot, widgets in value.items()}
    if isinstance(value, list):
        return [
            {key: item for key, item in widget.items() if key != "references"}
            if isinstance(widget, dict)
            else widget
            for widget in value
        ]
    return value


def current_slots(context) -> dict:
    """The widgets now in the slots, as :func:`arrangement.save` takes them
    (without settings: an existing widget keeps its stored settings)."""
    return {
        name: [{"id": widget.id, "type": widget.type} for widget in placed]
        for name, placed in arrangement.get(context).slots.items()
    }
