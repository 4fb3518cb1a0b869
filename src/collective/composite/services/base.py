"""The base of the composite services: the permission check, the CSRF rule,
reading the JSON body and answering a refusal, in one place.

Each service answers in :meth:`CompositeService.answer` and raises
:class:`~collective.composite.refusals.Refusal` for whatever it refuses; the
base turns the refusal into its status and JSON body (and dooms the
transaction, so a refused request changes nothing).
"""

from collective.composite import _
from collective.composite.interfaces import DESIGN_PERMISSION
from collective.composite.json_body import read_json_object
from collective.composite.refusals import invalid
from collective.composite.refusals import Refusal
from collective.composite.refusals import require
from collective.composite.refusals import unknown_member
from plone import api
from plone.protect.authenticator import check as check_csrf_token
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import Forbidden
from zope.interface import alsoProvides


class CompositeService(Service):
    """A service of a composite-enabled page.

    The permission is checked before anything else: the services are
    registered as ``zope.Public`` so as to answer 401 to anonymous users and
    403 to the others (see :func:`~collective.composite.refusals.require`).
    """

    #: The permission the current user needs on the page.
    permission: str = DESIGN_PERMISSION

    def reply(self) -> dict:
        try:
            require(self.permission, self.context)
            return self.answer()
        except Refusal as refusal:
            return refusal.respond(self.request)

    def answer(self) -> dict:
        """Answer the request, once the permission is checked.

        :returns: the JSON body of the answer.
        :raises Refusal: for anything refused.
        """
        raise NotImplementedError

    def check_csrf(self) -> None:
        """Refuse writes from a browser session that lack Plone's CSRF token;
        otherwise tell plone.protect the request was checked.

        A token in the ``Authorization: Bearer`` header is never sent by a
        browser on its own, so a request authenticated that way, and carrying
        no session cookie, cannot be forged by another site and needs no CSRF
        token. Cookies and HTTP Basic credentials are sent by browsers on their
        own: requests with them must carry ``X-CSRF-TOKEN`` (or
        ``_authenticator``). plone.protect, which checks every POST that
        writes, knows nothing of Bearer tokens, hence the marker.

        :raises Refusal: 403 when the token is needed and missing or wrong.
        """
        request = self.request
        authorization = request._auth or ""
        bearer = authorization[:7].lower() == "bearer "
        if not bearer or _has_session_cookie(request):
            try:
                check_csrf_token(request)
            except Forbidden:
                raise Refusal(
                    403,
                    "InvalidCSRFToken",
                    _(
                        "This change needs Plone's CSRF token in the X-CSRF-TOKEN "
                        "header (or a Bearer token instead of the login cookie)."
                    ),
                ) from None
        alsoProvides(request, IDisableCSRFProtection)

    def read_body(self) -> dict:
        """:returns: the request body, a JSON object.
        :raises Refusal: 413 for a body too large, 400 for anything but a JSON
            object (see :func:`~collective.composite.json_body.read_json_object`).
        """
        return read_json_object(self.request)


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


def check_members(body: dict, known) -> None:
    """Refuse a body with members the service does not know.

    :param known: the names of the members the service reads.
    :raises Refusal: 400 naming the first unknown member (sorted by name).
    """
    unknown = sorted(set(body) - set(known))
    if unknown:
        raise unknown_member(unknown[0])
