"""1002 to 1003: versioning of composite pages, and Site Setup's "Composite
pages"."""

from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import SETTINGS_PREFIX
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "profile-collective.composite:default"
SETTINGS_PERMISSION = "collective.composite: Manage settings"


def upgrade(context) -> None:
    """Make ``Composite Page`` versionable as the default profile does (a
    version on every edit and revert), bind the settings' records to
    :class:`ICompositeSettings` keeping their values, and add the
    configlet with its permission (Manager, Site Administrator).

    :param context: the portal_setup tool.
    """
    context.runImportStepFromProfile(PROFILE, "repositorytool", run_dependencies=False)
    context.runImportStepFromProfile(PROFILE, "controlpanel", run_dependencies=False)
    # registerInterface keeps each record's value when it fits the field.
    getUtility(IRegistry).registerInterface(ICompositeSettings, prefix=SETTINGS_PREFIX)
    api.portal.get().manage_permission(
        SETTINGS_PERMISSION, ["Manager", "Site Administrator"], acquire=True
    )
