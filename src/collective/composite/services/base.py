"""The base of the composite services: the CSRF rule, the media type of
request bodies, reading the JSON body and answering a refusal, in one place.

Each service answers in :meth:`CompositeService.answer` and raises
:class:`~collective.composite.refusals.Refusal` for whatever it refuses; the
base turns the refusal into its status and JSON body (and dooms the
transaction, so a refused request changes nothing).

The permission of each service is declared in its ZCML, as plone.restapi's
are, and Zope checks it before the service runs; :class:`PermissionRefusal`
answers the services' ``Unauthorized`` in the refusals' shape.
"""

from AccessControl import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from Acquisition import aq_base
from collective.composite import _
from collective.composite.json_body import read_json_object
from collective.composite.refusals import invalid
from collective.composite.refusals import permission_refusal
from collective.composite.refusals import Refusal
from collective.composite.refusals import unknown_member
from plone import api
from plone.protect.authenticator import check as check_csrf_token
from plone.protect.interfaces import IDisableCSRFProtection
from plone.rest.errors import ErrorHandling
from plone.restapi.services import Service
from zExceptions import Forbidden
from zope.interface import alsoProvides

import json


# Methods whose request has a body; it must be JSON.
WRITE_METHODS = frozenset({"POST", "PATCH"})
JSON_MEDIA_TYPE = "application/json"


class CompositeService(Service):
    """A service of a composite-enabled page.

    Zope checks the permission its ZCML declares before it runs. A ``POST`` or
    ``PATCH`` is refused with 415 unless its body is ``application/json``
    (see :meth:`check_media_type`).
    """

    #: Whether a ``POST`` may come without a body, hence without a media type.
    body_optional: bool = False

    def reply(self) -> dict:
        try:
            if self.request.get("REQUEST_METHOD", "GET") in WRITE_METHODS:
                self.check_media_type()
            return self.answer()
        except Refusal as refusal:
            return refusal.respond(self.request)

    def answer(self) -> dict:
        """Answer the request, once the permission and media type are checked.

        :returns: the JSON body of the answer.
        :raises Refusal: for anything refused.
        """
        raise NotImplementedError

    def check_media_type(self) -> None:
        """Refuse a body that is not declared ``application/json``.

        An HTML form (``application/x-www-form-urlencoded``,
        ``multipart/form-data``, ``text/plain``) is the one write another site
        can make a browser send without asking the site first (a CORS
        preflight): refusing every other media type keeps forms of other sites
        away from the services. Only a service whose body is optional takes a
        request with neither body nor ``Content-Type``.

        :raises Refusal: 415, naming the ``Content-Type`` header.
        """
        declared = self.request.getHeader("Content-Type") or ""
        media_type = declared.split(";", 1)[0].strip().lower()
        if media_type == JSON_MEDIA_TYPE:
            return
        if not declared and self.body_optional and not _has_body(self.request):
            return
        raise Refusal(
            415,
            "UnsupportedMediaType",
            _(
                "Send the body as JSON, with the header "
                "'Content-Type: application/json'."
            ),
            header="Content-Type",
        )

    def check_csrf(self) -> None:
        """Refuse writes from a browser session that lack Plone's CSRF token;
        otherwise tell plone.protect the request was checked.

        As with plone.restapi's services, a script's request, authenticated by
        a Bearer token or by HTTP Basic, needs no CSRF token: a write's body
        must be JSON (:meth:`check_media_type`) or its method is not one a form
        sends, so another site cannot make a browser send it without a CORS
        preflight. A request with the login cookie is a browser session
        (design mode's editor) and must also carry ``X-CSRF-TOKEN`` (or
        ``_authenticator``), unless its valid Bearer token names the same user
        (a script keeping the cookie ``@login`` sets): a browser never adds
        that header on its own, as it adds cookies and remembered Basic
        credentials.

        :raises Refusal: 403 when the token is needed and missing or wrong.
        """
        request = self.request
        scheme = (request._auth or "").split(" ", 1)[0].lower()
        script = (
            scheme in ("basic", "bearer") and not _has_session_cookie(request)
        ) or _bearer_names_the_user(request)
        if not script:
            try:
                check_csrf_token(request)
            except Forbidden:
                raise Refusal(
                    403,
                    "InvalidCSRFToken",
                    _(
                        "This change needs Plone's CSRF token in the X-CSRF-TOKEN "
                        "header (or HTTP Basic or a Bearer token instead of the "
                        "login cookie)."
                    ),
                ) from None
        alsoProvides(request, IDisableCSRFProtection)

    def read_body(self) -> dict:
        """:returns: the request body, a JSON object.
        :raises Refusal: 413 for a body too large, 400 for anything but a JSON
            object (see :func:`~collective.composite.json_body.read_json_object`).
        """
        return read_json_object(self.request)


class PermissionRefusal(ErrorHandling):
    """The ``Unauthorized`` of a REST request, answered as a refusal when it
    is a composite service's: 401 to anonymous users, 403 naming the
    permission to the others (plone.rest answers 401 to both).

    Zope raises it before the service runs, when the user lacks the permission
    the service's ZCML declares; the arrangement API while it runs, when the
    user may not change the page now (a
    :class:`~collective.composite.arrangement.rights.MayNotDesign` naming the
    permission). Other services' errors are plone.rest's.
    """

    def __call__(self):
        service = aq_base(self.request.get("PUBLISHED"))
        if not isinstance(service, CompositeService):
            return super().__call__()
        authenticated = _authenticated(self.request)
        # The arrangement API's refusal names what the user lacks besides the
        # service's permission (Modify portal content, see arrangement.rights).
        permission = getattr(self.context, "permission", None)
        refusal = permission_refusal(
            permission or declared_permission(type(service)), authenticated
        )
        body = refusal.respond(self.request)
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(refusal.status, lock=1)
        response.setBody(json.dumps(body, indent=2, sort_keys=True), lock=1)
        # As plone.rest: no redirection to the login form.
        response._has_challenged = True


def declared_permission(service_class: type) -> str:
    """:returns: the permission the ZCML of a service declares (the title Zope
    checks, such as ``View``).

    :param service_class: the class plone.rest registered for the service.
    """
    return service_class.__roles__.__name__


def _authenticated(request) -> bool:
    manager = getSecurityManager()
    if manager.getUser().getId() is not None:
        return True
    # Zope refused before setting the user: ask the site's users whose
    # credentials the request carries (as anyone may, not as the service needs).
    try:
        user = api.portal.get_tool("acl_users").validate(
            request, request._auth, ["Anonymous"]
        )
    finally:
        setSecurityManager(manager)
    return user is not None and user.getId() is not None


def _has_body(request) -> bool:
    declared = request.getHeader("Content-Length") or "0"
    return declared != "0"


def _bearer_names_the_user(request) -> bool:
    # The token must be valid and the current user's: a forged header beside
    # a session cookie must not spare the cookie its CSRF token.
    scheme, _space, token = (request._auth or "").partition(" ")
    plugin = api.portal.get_tool("acl_users").get("jwt_auth")
    if scheme.lower() != "bearer" or plugin is None:
        return False
    found = plugin.authenticateCredentials(
        {"extractor": plugin.getId(), "token": token.strip()}
    )
    return found is not None and found[0] == api.user.get_current().getId()


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
