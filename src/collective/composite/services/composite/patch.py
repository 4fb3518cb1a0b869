"""``PATCH @composite``: change the arrangement of a page.

The service only translates: it reads and checks the request (permission, CSRF
token, then size and JSON with :mod:`~collective.composite.services.json_body`),
then makes one call on :mod:`collective.composite.arrangement`, the one write
path, and turns its exceptions into statuses.
"""

from collective.composite import _
from collective.composite import arrangement
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import LockedByOther
from collective.composite.exceptions import StaleVersion
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.services.composite.get import serialize
from collective.composite.services.json_body import read_json_object
from collective.composite.services.locks import write_locked
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import require
from collective.composite.services.refusals import write_refusal
from plone import api
from plone.protect.authenticator import check as check_csrf_token
from plone.restapi.services import Service
from zExceptions import Forbidden


# Members of a GET response that a PATCH may send back unchanged; ignored.
READ_ONLY = frozenset({"@id", "layouts"})
CHANGES = ("layout", "slots", "unplaced")


class CompositePatch(Service):
    """Answer ``PATCH @composite``; needs the design permission.

    The body is ``{"version": ..., "layout"?, "slots"?, "unplaced"?}``; members
    left out keep their current value. A body changing only the layout switches
    it (widgets of slots the new layout lacks become unplaced); any other body
    replaces the arrangement. Answers 200 with the new ``@composite`` resource.
    """

    def reply(self) -> dict:
        try:
            require(DESIGN_PERMISSION, self.context)
            check_csrf(self.request)
            body = read_json_object(self.request)
            self.write(changes(body), read_version(body))
        except Refusal as refusal:
            return refusal.respond(self.request)
        return serialize(self.context)

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
            # empties the slots: a PATCH keeps them too.
            data = {"slots": current_slots(self.context), **changed}
            return arrangement.replace(self.context, data, version)
        except (StaleVersion, InvalidArrangement) as error:
            raise write_refusal(error) from None
        except LockedByOther as error:
            raise write_locked(self.context, error) from None


def check_csrf(request) -> None:
    """Refuse writes from a browser session that lack Plone's CSRF token.

    A token in the ``Authorization: Bearer`` header is never sent by a browser
    on its own, so a request authenticated that way, and carrying no session
    cookie, cannot be forged by another site and needs no CSRF token. Cookies
    and HTTP Basic credentials are sent by browsers on their own: requests with
    them must carry ``X-CSRF-TOKEN`` (or ``_authenticator``).

    :raises Refusal: 403 when the token is needed and missing or wrong.
    """
    authorization = request._auth or ""
    if authorization[:7].lower() == "bearer " and not _has_session_cookie(request):
        return
    try:
        check_csrf_token(request)
    except Forbidden:
        raise Refusal(
            403,
            "InvalidCSRFToken",
            _(
                "This change needs Plone's CSRF token in the X-CSRF-TOKEN header "
                "(or a Bearer token instead of the login cookie)."
            ),
        ) from None


def _has_session_cookie(request) -> bool:
    plugin = api.portal.get_tool("acl_users").get("session")
    return getattr(plugin, "cookie_name", "__ac") in request.cookies


def read_version(body: dict) -> str:
    """:returns: the ``version`` member of a write's body.
    :raises Refusal: 400 when it is missing or not a string.
    """
    version = body.get("version")
    if not isinstance(version, str):
        raise invalid(_("Send the version you read, as a string."), field="version")
    return version


def changes(body: dict) -> dict:
    """The members of the body that change the arrangement.

    :raises Refusal: 400 for an unknown member, or when nothing would change.
    """
    unknown = sorted(set(body) - {"version", *CHANGES, *READ_ONLY})
    if unknown:
        raise unknown_member(unknown[0])
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
    """The widgets now in the slots, as :func:`arrangement.replace` takes them."""
    return {
        name: [
            {"id": widget.id, "type": widget.type, "settings": dict(widget.settings)}
            for widget in placed
        ]
        for name, placed in arrangement.get(context).slots.items()
    }


def invalid(message: str, field: str = "") -> Refusal:
    """:returns: the 400 refusal of input the service itself rejects."""
    return Refusal(400, "InvalidArrangement", message, field=field)


def unknown_member(name: str, field: str = "") -> Refusal:
    """:returns: the 400 refusal of a body member the service does not know.

    :param field: where the member is, when not at the top of the body.
    """
    return invalid(
        _("Unknown member '${name}'.", mapping={"name": name}), field=field or name
    )
