"""Images uploaded in design mode: stored as Plone Image items in the folder
the integrator configures (the registry record
``collective.composite.image_upload_folder``), by default the page's own
container, with the user's own add permission there."""

from AccessControl import Unauthorized
from Acquisition import aq_inner
from Acquisition import aq_parent
from collective.composite import _
from collective.composite.exceptions import ImageUploadRefused
from io import BytesIO
from plone import api
from plone.base.interfaces import IPloneSiteRoot
from plone.namedfile.file import NamedBlobImage
from Products.CMFCore.interfaces import IFolderish

import PIL.Image


UPLOAD_FOLDER_RECORD = "collective.composite.image_upload_folder"


def upload_folder(context):
    """The folder images uploaded on ``context`` go to.

    :param context: the composite-enabled content being designed.
    :returns: the folder the record names (a path from the site root: ``/``
        is the site root), or the container of ``context`` when the record is
        empty or missing (the site root for the site root itself).
    :raises ImageUploadRefused: when the configured path is not a folder the
        user may see.
    """
    record = api.portal.get_registry_record(UPLOAD_FOLDER_RECORD, default="")
    # Anything but text (a profile replacing the record's field) is no path.
    record = record.strip() if isinstance(record, str) else ""
    path = record.strip("/")
    if not record:
        if IPloneSiteRoot.providedBy(context):
            return context
        return aq_parent(aq_inner(context))
    if not path:
        return api.portal.get()
    try:
        # A lone surrogate (text no UTF-8 encoder takes) fails traversal.
        path.encode("utf-8")
        folder = api.content.get(path=f"/{path}")
    except (Unauthorized, UnicodeEncodeError):
        folder = None
    if folder is None or not IFolderish.providedBy(folder):
        raise ImageUploadRefused(
            _(
                "There is no folder /${path} for uploaded images; ask your "
                "site administrator to create it or to change the setting.",
                mapping={"path": path},
            )
        )
    return folder


def add_image(context, data: bytes, filename: str):
    """Store an uploaded picture as an Image in the upload folder of ``context``.

    :param context: the composite-enabled content being designed.
    :param data: the uploaded file's bytes.
    :param filename: its name, which becomes the image's title.
    :returns: the new Image.
    :raises ImageUploadRefused: when ``data`` is not a picture, the folder does
        not exist, or the user may not add images to it (``status`` 403).
    """
    filename = filename.replace("\\", "/").rsplit("/", 1)[-1]
    # One line: a name a browser sends with a line break (%0D, %0A) would fail
    # the file's and title's checks.
    filename = " ".join(filename.splitlines()).strip() or "image"
    if not is_picture(data):
        raise ImageUploadRefused(
            _(
                "${name} is not an image: upload a PNG, JPEG, GIF or WebP file.",
                mapping={"name": filename},
            )
        )
    folder = upload_folder(context)
    if "Image" not in {fti.getId() for fti in folder.allowedContentTypes()}:
        raise ImageUploadRefused(
            _(
                "You may not add images to ${folder}.",
                mapping={"folder": folder.Title() or folder.getId()},
            ),
            status=403,
        )
    return api.content.create(
        container=folder,
        type="Image",
        title=filename,
        image=NamedBlobImage(data=data, filename=filename),
        safe_id=True,
    )


def is_picture(data: bytes) -> bool:
    """:returns: whether Pillow recognises ``data`` as a picture."""
    try:
        with PIL.Image.open(BytesIO(data)) as picture:
            picture.verify()
    except Exception:  # Pillow raises many kinds of errors for non-images
        return False
    return True
