"""``GET @composite``: the arrangement of a page as JSON, also the
``composite`` component of the page's content GET."""

from Acquisition import aq_base
from collective.composite import arrangement
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ICompositeLayer
from collective.composite.serializers import composite_data
from collective.composite.services.base import CompositeService
from collective.composite.widgets.rendering import can_design
from plone import api
from plone.restapi.interfaces import IExpandableElement
from plone.restapi.services.content.get import ContentGet
from plone.restapi.services.history.get import HistoryGet
from Products.CMFEditions.interfaces.IArchivist import ArchivistError
from Products.CMFEditions.interfaces.IStorage import StorageError
from zope.component import adapter
from zope.interface import implementer


class CompositeGet(CompositeService):
    """Answer ``GET @composite`` with :func:`composite_data`; needs View.
    Who may not design the page gets the settings as visitors' pages show
    them (markup filtered)."""

    def answer(self) -> dict:
        return composite_data(self.context, for_readers=not can_design(self.context))


@implementer(IExpandableElement)
@adapter(ICompositeEnabled, ICompositeLayer)
class CompositeComponent:
    """The ``composite`` member of a page's ``@components``: its
    ``@composite`` link, or with ``?expand=composite`` the whole resource, as
    ``GET @composite`` answers it; of a content version the content GET
    shows (``?version=n``, ``@history/n``), with that version's arrangement."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, expand: bool = False) -> dict:
        url = self.context.absolute_url()
        shown = _serialized_version(self.context, self.request) if expand else None
        if not ICompositeEnabled.providedBy(shown):
            # Not expanded; or, without the add-on's CMFEditions modifier
            # (which keeps the marker of a page composite by code, see
            # arrangement.versioning), a version from before the page was
            # made composite by a marker given to that one object.
            return {"composite": {"@id": f"{url}/@composite"}}
        readers = not can_design(self.context)
        data = composite_data(shown, for_readers=readers)
        if shown is not self.context:
            # The resource is the page's, and so is the version: the one to
            # send with PATCH @composite, which makes this arrangement the
            # current one again.
            data["@id"] = f"{url}/@composite"
            data["layouts"] = {"@id": f"{url}/@composite-layouts"}
            data["version"] = arrangement.get(self.context).version
        return {"composite": data}


def _serialized_version(context, request):
    """The page, or the content version of it the request shows: the
    content GET's ``?version=n`` and ``@history/n`` serialize that version
    with the page's components, so its arrangement is that version's too.

    :returns: ``context``, or the version CMFEditions retrieves.
    """
    service = aq_base(request.get("PUBLISHED"))
    if isinstance(service, HistoryGet):
        version = service.version
    elif isinstance(service, ContentGet):
        version = request.get("version")
    else:
        return context
    # Only for the item the service shows, not for others it serializes.
    if version in (None, "current") or aq_base(service.context) is not aq_base(context):
        return context
    repository = api.portal.get_tool("portal_repository")
    try:
        return repository.retrieve(context, int(version)).object
    except (ValueError, ArchivistError, StorageError):
        # What plone.restapi's serializer showed anyway: the site root's
        # gives its current content whatever the version; a page's refused
        # one it cannot retrieve before asking for the components.
        return context
