"""The arrangement in an exported item: :data:`MEMBER`, written and read back.

The member holds the document ``GET @composite-export`` gives, without what
only describes that download (``source``, ``exported``): the ``format``, the
``layout``, the ``slots`` and the ``unplaced`` widgets, each widget with its
id, type and settings. Widgets refer to items by UID, which both tools keep,
so the references hold on the new site whatever the order items come in.
"""

from AccessControl import Unauthorized
from collections.abc import Mapping
from collective.composite import _
from collective.composite import arrangement
from collective.composite.exceptions import CompositeError
from collective.composite.serializers import arrangement_data
from collective.composite.serializers import EXPORT_FORMAT
from plone import api

import logging


logger = logging.getLogger("collective.composite")

#: The member of an exported item that holds its arrangement.
MEMBER = "collective.composite.arrangement"

# The members of the document that make the arrangement.
CHANGES = ("layout", "slots", "unplaced")


class NotImported(CompositeError):
    """An exported arrangement this site cannot save.

    :ivar field: the field of the document at fault, or None.
    """

    def __init__(self, message, field: str | None = None):
        self.field = field
        super().__init__(message)


def exported(context) -> dict:
    """The arrangement of ``context`` as :data:`MEMBER` holds it.

    :param context: a composite-enabled content object, or a version of one
        retrieved from CMFEditions.
    :returns: ``format``, ``layout``, ``slots`` and ``unplaced``, JSON-ready.
    """
    return {"format": EXPORT_FORMAT, **arrangement_data(arrangement.get(context))}


def imported(context, document) -> str | None:
    """Save the arrangement of an exported item's :data:`MEMBER` on
    ``context``, as one ``import`` revision of its history.

    A site import must go on whatever one item holds: a document this add-on
    cannot read or save (another format, a layout or widget type this site
    lacks, settings the widget type refuses, a user without the design
    permission) is logged as an error naming the
    item and the field, and the item keeps the arrangement it had.

    :param context: the composite-enabled item just imported.
    :param document: the value of :data:`MEMBER`.
    :returns: the new version, or None when nothing was saved.
    """
    try:
        return save_imported(context, document)
    except NotImported as error:
        log_not_imported(context, error)
        return None


def save_imported(context, document) -> str:
    """Save the arrangement of an exported item's :data:`MEMBER` on
    ``context``, as one ``import`` revision of its history.

    :param context: a composite-enabled content object or the site root.
    :param document: the value of :data:`MEMBER`.
    :returns: the new version.
    :raises NotImported: saying why nothing was saved, naming the field.
    """
    if not isinstance(document, Mapping) or "slots" not in document:
        raise NotImported(_("no slots in it"))
    if document.get("format", EXPORT_FORMAT) != EXPORT_FORMAT:
        raise NotImported(
            _(
                "unknown format ${format}",
                mapping={"format": repr(document.get("format"))},
            )
        )
    data = {name: document[name] for name in CHANGES if name in document}
    # An import brings exactly what was exported, unplaced widgets too.
    data.setdefault("unplaced", [])
    try:
        return arrangement.save(context, data, None, action="import")
    except CompositeError as error:
        raise NotImported(error.message, getattr(error, "field", None)) from error
    except Unauthorized as error:
        raise NotImported(str(error)) from error


def log_not_imported(context, error: NotImported) -> None:
    """Log, as an error naming the item and the field, why an arrangement
    was not saved on ``context``.

    :param context: the content object or site root.
    :param error: what :func:`save_imported` raised.
    """
    logger.error(
        "Not importing the arrangement of %s%s: %s",
        "/".join(context.getPhysicalPath()),
        f" ({error.field})" if error.field else "",
        error,
    )


def versioned(context, version) -> object:
    """The object a serializer call with ``version`` serializes.

    :param context: the content object.
    :param version: plone.restapi's ``version`` argument: None or
        ``"current"`` for the object itself, else a CMFEditions version id.
    :returns: ``context`` or the retrieved version of it.
    """
    if version is None or version == "current":
        return context
    repository = api.portal.get_tool("portal_repository")
    return repository.retrieve(context, int(version)).object
