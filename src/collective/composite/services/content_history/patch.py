"""``PATCH @history`` of a composite page: plone.restapi's revert to a
content version, with the arrangement's rules around it
(:func:`collective.composite.arrangement.versioning.reverting`), as Plone's
*Revert to this revision* has them (``browser/revert.py``)."""

from collective.composite import _
from collective.composite.arrangement.versioning import reverting
from collective.composite.exceptions import LockedByOther
from collective.composite.exceptions import WidgetNotAllowed
from collective.composite.refusals import invalid
from collective.composite.services.base import CompositeService
from collective.composite.services.locks import write_locked
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services.history.patch import revert
from Products.CMFEditions.interfaces.IArchivist import ArchivistRetrieveError


# More digits than any page has versions, fewer than int() refuses to read.
_MAX_VERSION = 10**18


class CompositeHistoryPatch(CompositeService):
    """Revert a composite page to a content version: ``{"version": n}``, as
    plone.restapi's ``PATCH @history`` takes it (its answer too). Refused with
    ``409 Locked`` while someone else holds the design lock, as a save is, and
    with a 400 naming ``version`` for anything but the number of one of the
    page's versions (plone.restapi's answers 500); the revert notifies the
    arrangement's event, as every save does. Needs CMFEditions' revert
    permission and, from a browser session, the CSRF token."""

    def answer(self) -> dict:
        self.check_csrf()
        version = _version(self.read_body().get("version"))
        try:
            with reverting(self.context):
                return json_compatible(revert(self.context, version))
        except LockedByOther as error:
            raise write_locked(self.context, error) from None
        except ArchivistRetrieveError:
            raise invalid(
                _("This page has no version of that number."), field="version"
            ) from None
        except WidgetNotAllowed as error:
            # After the revert, which the refusal aborts.
            raise invalid(error.message, field="version") from None


def _version(value) -> int:
    """:returns: the version number a body gives (a number, or its digits).
    :raises Refusal: 400 naming ``version`` for anything else."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value) if len(value) < 19 else -1
    if isinstance(value, bool) or not isinstance(value, int):
        value = -1
    if not 0 <= value < _MAX_VERSION:
        raise invalid(
            _("The number of one of the page's versions is expected."),
            field="version",
        )
    return value
