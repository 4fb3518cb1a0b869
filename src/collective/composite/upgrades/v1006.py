"""1005 to 1006: composite pages translatable with plone.app.multilingual."""

from collective.composite.multilingual.translatable import make_translatable
from plone import api


def upgrade(context) -> None:
    """Give the composite types pam's behavior *translatable* where pam is
    installed and they lack it (the add-on was installed after pam: creating
    a translation failed). Nothing changes in a site without pam.

    :param context: the portal_setup tool.
    """
    make_translatable(api.portal.get())
