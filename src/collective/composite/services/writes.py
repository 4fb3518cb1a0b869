"""The CSRF rule of the services that write with POST.

Plone's automatic CSRF protection (plone.protect) checks every POST that
writes, and knows nothing of Bearer tokens. These services apply the rule of
``PATCH @composite`` themselves (:func:`check_csrf`), then tell plone.protect
the request was checked.
"""

from collective.composite.services.composite.patch import check_csrf
from plone.protect.interfaces import IDisableCSRFProtection
from zope.interface import alsoProvides


def check_write(request) -> None:
    """Refuse a write whose CSRF token is needed and missing, as ``PATCH
    @composite`` does; otherwise mark the request as checked.

    :raises Refusal: 403 when the token is needed and missing or wrong.
    """
    check_csrf(request)
    alsoProvides(request, IDisableCSRFProtection)
