"""1004 to 1005: Site Setup's "Layout gallery"."""

PROFILE = "profile-collective.composite:default"


def upgrade(context) -> None:
    """Add the *Layout gallery* configlet (``@@composite-layout-gallery``, for
    the holders of "collective.composite: Manage settings", Managers and
    Site Administrators since 1003) beside
    *Composite pages*; the control panel import step keeps the configlets
    already there.

    :param context: the portal_setup tool.
    """
    context.runImportStepFromProfile(PROFILE, "controlpanel", run_dependencies=False)
