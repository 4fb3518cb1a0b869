"""Plone's *Revert to this revision* for composite pages.

CMFEditions' ``revertversion`` view, with the arrangement's rules around the
revert (:func:`collective.composite.arrangement.versioning.reverting`): while
someone else holds the page's lock the revert is refused with a message, as a
save would be, and a revert notifies the same event as every save.
"""

from collective.composite import _
from collective.composite.arrangement.versioning import reverting
from collective.composite.exceptions import LockedByOther
from collective.composite.serializers import lock_data
from collective.composite.serializers import lock_holder
from Products.CMFEditions.browser.policies import RevertVersion
from Products.statusmessages.interfaces import IStatusMessage


class CompositeRevertVersion(RevertVersion):
    """Revert a composite page to a content version, unless it is locked."""

    def __call__(self):
        try:
            with reverting(self.context):
                return super().__call__()
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
