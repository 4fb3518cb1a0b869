"""Who may change a page's arrangement, and when.

The design permission says who may design pages at all; Plone's *Modify
portal content* says when. An arrangement is part of its page, so whoever may
not change the page in its workflow state may not change its arrangement
either, as Plone's edit form refuses them: in Plone's simple publication
workflow, an Editor or the page's Owner while the page awaits review.
Reading what designers read (the history, the lock, the markup as stored)
needs the design permission alone.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from collective.composite.interfaces import DESIGN_PERMISSION


MODIFY_PERMISSION = "Modify portal content"


class MayNotDesign(Unauthorized):
    """The current user may not change the arrangement of a page.

    :param context: the page.
    :param permission: the permission the user lacks there.
    """

    def __init__(self, context, permission: str):
        self.permission = permission
        super().__init__(
            f"You may not design {context.absolute_url()}: "
            f"you lack the permission {permission!r} there."
        )


def may_design(context) -> bool:
    """:returns: whether the current user may change the arrangement of
    ``context``: whether they have the design permission and *Modify portal
    content* there."""
    return missing_permission(context) is None


def missing_permission(context) -> str | None:
    """:returns: the permission the current user lacks to change the
    arrangement of ``context`` (the design permission first), or None."""
    security = getSecurityManager()
    for permission in (DESIGN_PERMISSION, MODIFY_PERMISSION):
        if not security.checkPermission(permission, context):
            return permission
    return None


def check_may_design(context) -> None:
    """Refuse the current user a change of the arrangement of ``context``
    unless :func:`may_design`.

    :raises MayNotDesign: naming the permission they lack.
    """
    permission = missing_permission(context)
    if permission is not None:
        raise MayNotDesign(context, permission)
