"""1009 to 1010: the ETag of composite pages follows the user's roles."""

from collective.composite.setuphandlers import ETAGS
from collective.composite.setuphandlers import ETAGS_RECORD
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


# The ETag components the install set up to 1009.
OLD_ETAGS = (
    "userid",
    "catalogCounter",
    "userLanguage",
    "skin",
    "locked",
    "resourceRegistries",
    "composite",
)


def upgrade(context) -> None:
    """Give composite pages the ETag components of a new install (with
    ``roles`` and ``copy``) where the site still has the ones the install
    set up before: components chosen in *Site Setup → Caching* are kept, as
    applying the profile again keeps them.

    :param context: the portal_setup tool.
    """
    record = getUtility(IRegistry).records.get(ETAGS_RECORD)
    if record is not None and tuple(record.value or ()) == OLD_ETAGS:
        record.value = ETAGS
