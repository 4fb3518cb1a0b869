"""``GET @composite``: the arrangement of a page as JSON, also the
``composite`` component of the page's content GET."""

from collective.composite.interfaces import ICompositeEnabled
from collective.composite.interfaces import ICompositeLayer
from collective.composite.serializers import composite_data
from collective.composite.services.base import CompositeService
from collective.composite.widgets.rendering import can_design
from plone.restapi.interfaces import IExpandableElement
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
    ``GET @composite`` answers it."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, expand: bool = False) -> dict:
        if expand:
            readers = not can_design(self.context)
            return {"composite": composite_data(self.context, for_readers=readers)}
        return {"composite": {"@id": f"{self.context.absolute_url()}/@composite"}}
