"""Refusals: every error the composite services (and design mode's settings
form) answer, in one JSON shape.

A refused request dooms the transaction, so whatever ran before the refusal is
never committed: a refusal changes nothing.
"""

from collective.composite import _
from collective.composite.exceptions import InvalidArrangement
from collective.composite.exceptions import StaleVersion
from collective.composite.localized_numbers import translated

import transaction


class Refusal(Exception):
    """A request the service answers with an error status.

    :param status: the HTTP status.
    :param type_: a stable, machine-readable name of the error.
    :param message: what went wrong, for people (translated on output).
    :param details: more members of the error object (``field``, ``version``...).
    """

    def __init__(self, status: int, type_: str, message: str, **details):
        super().__init__(message)
        self.status = status
        self.type = type_
        self.message = message
        self.details = details

    def respond(self, request) -> dict:
        """Doom the transaction and set the response status.

        :param request: the request being answered.
        :returns: the response body, ``{"error": {"type", "message", ...}}``;
            the numbers in ``message`` written as the request's language
            writes them, those in ``details`` left numbers.
        """
        transaction.doom()
        request.response.setStatus(self.status)
        message = translated(self.message, request)
        return {"error": {"type": self.type, "message": message, **self.details}}


def permission_refusal(permission: str, authenticated: bool) -> Refusal:
    """The refusal of a request by a user lacking ``permission``.

    :param permission: the Zope permission the request needs.
    :param authenticated: whether the request's user is logged in.
    :returns: 401 for anonymous users, 403 naming the permission for the others.
    """
    if not authenticated:
        return Refusal(401, "Unauthorized", _("You need to log in to do this."))
    return Refusal(
        403,
        "Forbidden",
        _(
            "You lack the permission '${permission}' here.",
            mapping={"permission": permission},
        ),
        permission=permission,
    )


def write_refusal(
    error: StaleVersion | InvalidArrangement, prefix: str = ""
) -> Refusal:
    """The refusal of a write the arrangement API refused.

    :param error: what the API raised.
    :param prefix: the body member the arrangement was sent in, put before the
        field named by the error.
    :returns: 409 for a stale version, 400 naming the field for invalid input.
    """
    if isinstance(error, StaleVersion):
        return Refusal(409, "StaleVersion", error.message, version=error.current)
    field = error.field
    if prefix:
        field = f"{prefix}.{field}" if field else prefix
    return Refusal(400, type(error).__name__, error.message, field=field)


def invalid(message: str, field: str = "") -> Refusal:
    """:returns: the 400 refusal of input a service itself rejects."""
    return Refusal(400, "InvalidArrangement", message, field=field)


def unknown_member(name: str, field: str = "") -> Refusal:
    """:returns: the 400 refusal of a body member the service does not know.

    :param field: where the member is, when not at the top of the body.
    """
    return invalid(
        _("Unknown member '${name}'.", mapping={"name": name}), field=field or name
    )
