"""Plone's *Revert to this revision* for composite pages.

CMFEditions' ``revertversion`` view, with the arrangement's rules around the
revert (:func:`collective.composite.arrangement.versioning.reverting`): while
someone else holds the page's lock the revert is refused with a message, as a
save would be, and a revert notifies the same event as every save.
"""

from collective.composite import _
from collective.composite.arrangement.versioning import reverting
from collective.composite.exceptions import LockedByOther
from collective.composite.exceptions import WidgetNotAllowed
from collective.composite.form_fields import refused
from collective.composite.serializers import lock_data
from collective.composite.serializers import lock_holder
from Products.CMFEditions.browser.policies import RevertVersion
from Products.CMFEditions.interfaces.IArchivist import ArchivistRetrieveError
from Products.statusmessages.interfaces import IStatusMessage

import re


# More digits than any page has revisions, fewer than int() refuses to read.
_VERSION_ID = re.compile(r"[0-9]{1,18}\Z")


class CompositeRevertVersion(RevertVersion):
    """Revert a composite page to a content version, unless it is locked.

    ``version_id`` is the number of one of the page's versions (without it,
    CMFEditions reverts to the last one); anything else is refused with a
    400 naming it, where CMFEditions would fail (500).
    """

    def __call__(self):
        version_id = self.request.get("version_id")
        if version_id is not None and not (
            isinstance(version_id, str) and _VERSION_ID.match(version_id)
        ):
            raise refused(
                self.request,
                _("The number of one of the page's versions is expected."),
                "version_id",
            )
        try:
            with reverting(self.context):
                return super().__call__()
        except ArchivistRetrieveError:
            raise refused(
                self.request,
                _("This page has no version of that number."),
                "version_id",
            ) from None
        except WidgetNotAllowed as error:
            # Raised after CMFEditions' revert, which the refusal aborts:
            # its redirection and "reverted" message go with it (status
            # messages are kept while the answer is a redirection).
            response = self.request.response
            response.setStatus(200)
            response.headers.pop("location", None)
            IStatusMessage(self.request).show()
            raise refused(self.request, error.message, "version_id") from None
        except LockedByOther as error:
            holder = lock_holder(lock_data(self.context, error.info), error.info)
            IStatusMessage(self.request).add(
                _(
                    "revert_locked",
                    default="${name} has held the lock of this page since "
                    "${time}: it was not reverted.",
                    mapping=holder,
                ),
                "error",
            )
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@historyview"
            )
