"""GenericSetup install and uninstall handlers."""

from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Hide the uninstall profile and the upgrade package from the add-ons panel."""

    def getNonInstallableProfiles(self) -> list[str]:
        """:returns: profile ids not to offer in the add-ons control panel."""
        return ["collective.composite:uninstall"]

    def getNonInstallableProducts(self) -> list[str]:
        """:returns: product names not to offer in the add-ons control panel."""
        return ["collective.composite.upgrades"]


def post_install(context) -> None:
    """Run after the default profile's import steps.

    :param context: the GenericSetup import context.
    """


def uninstall(context) -> None:
    """Run after the uninstall profile's import steps.

    :param context: the GenericSetup import context.
    """
