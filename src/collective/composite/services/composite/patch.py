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
from collective.composite.refusals import unknown_member
from collective.composite.refusals import write_refusal
from collective.composite.serializers import composite_data
from collective.composite.services.base import check_members
from collective.composite.services.base import CompositeService
from collective.composite.services.base import read_version
from collective.composite.services.locks import write_locked


# Members of a GET response that a PATCH may send back unchanged; ignored.
READ_ONLY = frozenset({"@id", "layouts"})
CHANGES = ("layout", "slots", "unplaced", "widgets")
# The preference (RFC 7240) for an answer without the whole arrangement, as
# the ``Preference-Applied`` header confirms it.
MINIMAL = "return=minimal"
_SHAPE = _('Send widgets as {"<widget id>": {"settings": {...}}}, one or more.')


class CompositePatch(CompositeService):
    """Answer ``PATCH @composite``; needs the design permission.

    The body is ``{"version": ..., "layout"?, "slots"?, "unplaced"?}``; members
    left out keep their current value. A body changing only the layout switches
    it (widgets of slots the new layout lacks become unplaced); any other body
    replaces the arrangement. Or the body is ``{"version": ..., "widgets":
    {id: {"settings": {...}}}}``, which changes the settings of those widgets
    only. Answers 200 with the new ``@composite`` resource, or with its
    ``@id`` and ``version`` only when the request prefers
    ``return=minimal`` (RFC 7240).
    """

    def answer(self) -> dict:
        self.check_csrf()
        body = self.read_body()
        version = self.write(changes(body), read_version(body))
        if prefers_minimal(self.request):
            self.request.response.setHeader("Preference-Applied", MINIMAL)
            url = self.context.absolute_url()
            return {"@id": f"{url}/@composite", "version": version}
        return composite_data(self.context)

    def write(self, changed: dict, version: str) -> str:
        """Make the one call on the arrangement API.

        The design permission was checked before (the API checks it again).

        :returns: the new version.
        :raises Refusal: 409 while someone else holds the lock (``Locked``)
            or for a stale version, 400 for invalid input.
        """
        # The API names the fields of update_widgets from the widget's id.
        prefix = "widgets" if "widgets" in changed else ""
        try:
            if prefix:
                return arrangement.update_widgets(
                    self.context, changed["widgets"], version=version
                )
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
            raise write_refusal(error, prefix) from None
        except LockedByOther as error:
            raise write_locked(self.context, error) from None


def changes(body: dict) -> dict:
    """The members of the body that change the arrangement.

    :raises Refusal: 400 for an unknown member, or when nothing would change.
    """
    check_members(body, {"version", *CHANGES, *READ_ONLY})
    changed = {name: body[name] for name in CHANGES if name in body}
    if not changed:
        raise invalid(_("Send at least one of layout, slots, unplaced and widgets."))
    if "widgets" in changed:
        if len(changed) > 1:
            raise invalid(
                _("Send widgets alone, without layout, slots or unplaced."),
                field="widgets",
            )
        changed["widgets"] = settings_changes(changed["widgets"])
    for name in ("slots", "unplaced"):
        if name in changed:
            changed[name] = _without_references(changed[name])
    return changed


def settings_changes(widgets) -> dict:
    """The ``widgets`` member as :func:`arrangement.update_widgets` takes it:
    widget id -> new settings.

    :raises Refusal: 400 naming the path of anything not shaped
        ``{id: {"settings": {...}}}`` (the settings themselves are the API's
        to check).
    """
    if not isinstance(widgets, dict) or not widgets:
        raise invalid(_SHAPE, field="widgets")
    settings = {}
    for widget_id, change in widgets.items():
        path = f"widgets.{widget_id}"
        if not isinstance(change, dict):
            raise invalid(_SHAPE, field=path)
        unknown = sorted(set(change) - {"settings"})
        if unknown:
            raise unknown_member(unknown[0], field=f"{path}.{unknown[0]}")
        if "settings" not in change:
            raise invalid(_SHAPE, field=f"{path}.settings")
        settings[widget_id] = change["settings"]
    return settings


def prefers_minimal(request) -> bool:
    """Whether the request's ``Prefer`` headers (RFC 7240) ask for
    ``return=minimal``: an answer without the whole arrangement.

    :param request: the request.
    """
    header = request.getHeader("Prefer") or ""
    for preference in header.split(","):
        # ``return = "minimal"; parameters``: spaces around "=" and a quoted
        # value are allowed; names are case-insensitive, values are not.
        name, _equals, value = preference.split(";", 1)[0].partition("=")
        if name.strip().lower() == "return" and value.strip(' \t"') == "minimal":
            return True
    return False


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
