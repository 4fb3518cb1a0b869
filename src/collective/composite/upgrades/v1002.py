"""1001 to 1002: the registry record of the folder for uploaded images."""

from collective.composite import _
from collective.composite.design.uploads import UPLOAD_FOLDER_RECORD
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def upgrade(context) -> None:
    """Add ``collective.composite.image_upload_folder`` as the default
    profile's registry.xml defines it, empty (the folder of the page being
    designed); other records, and the record if a site has it, stay as they are.

    :param context: the portal_setup tool.
    """
    registry = getUtility(IRegistry)
    if UPLOAD_FOLDER_RECORD in registry.records:
        return
    registry.records[UPLOAD_FOLDER_RECORD] = Record(
        field.TextLine(
            title=_("Folder for images uploaded in design mode"),
            description=_(
                "The path of a folder from the site root, such as /images. "
                "Empty: the folder of the page being designed."
            ),
            required=False,
        ),
        "",
    )
