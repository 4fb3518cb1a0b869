"""What design mode tells an editor about widget types they may not change.

A widget type registered with a ``permission`` (the shipped ``html``) may be
added, edited and duplicated only by users with that permission; others may
still move and remove such widgets. Design mode offers them neither Edit nor
Duplicate and says who may.
"""

from AccessControl import getSecurityManager
from AccessControl.PermissionRole import rolesForPermissionOn
from collective.composite import _
from plone import api
from zope.i18n import translate


# Pseudo-roles nobody is granted: listing them would tell editors nothing.
_NOT_SAID = {"Anonymous", "Authenticated", "Owner"}


def may_change(widget_type, context) -> bool:
    """:returns: whether the user may add, edit or duplicate widgets of
    ``widget_type`` on ``context``."""
    permission = widget_type.permission
    return not permission or bool(
        getSecurityManager().checkPermission(permission, context)
    )


def restriction(widget_type, context, request) -> str:
    """Why the user may not edit or duplicate widgets of ``widget_type``.

    :param widget_type: an IWidgetType.
    :param context: the composite-enabled content being designed.
    :param request: the request, for the language.
    :returns: the reason, naming the roles that may, translated; "" when the
        user may change such widgets.
    """
    if may_change(widget_type, context):
        return ""
    type_title = translate(widget_type.title, context=request)
    roles = _role_titles(widget_type.permission, context, request)
    if not roles:
        message = _(
            "You may not edit or duplicate ${type} widgets.",
            mapping={"type": type_title},
        )
    else:
        message = _(
            "Only these roles may edit or duplicate ${type} widgets: ${roles}.",
            mapping={"type": type_title, "roles": ", ".join(roles)},
        )
    return translate(message, context=request)


def _role_titles(permission: str, context, request) -> list[str]:
    """The titles of the roles that have ``permission`` on ``context``."""
    roles = rolesForPermissionOn(permission, context) or ()
    manager = api.portal.get_tool("acl_users").portal_role_manager
    titles = []
    for role in sorted(set(roles) - _NOT_SAID):
        try:
            title = manager.getRoleInfo(role)["title"] or role
        except KeyError:
            title = role
        titles.append(translate(title, domain="plone", context=request))
    return titles
