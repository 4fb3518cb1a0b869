"""1006 to 1007: the *Design* action follows the workflow."""

PROFILE = "profile-collective.composite:default"


def upgrade(context) -> None:
    """Import the profile's actions again: the *Design* action is available
    only to those who may also change the page now (*Modify portal
    content*), as saving an arrangement needs since 1007.

    :param context: the portal_setup tool.
    """
    context.runImportStepFromProfile(PROFILE, "actions", run_dependencies=False)
