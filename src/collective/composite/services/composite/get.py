"""``GET @composite``: the arrangement of a page as JSON."""

from collective.composite.serializers import composite_data
from collective.composite.services.base import CompositeService


class CompositeGet(CompositeService):
    """Answer ``GET @composite`` with :func:`composite_data`; needs View."""

    permission = "View"

    def answer(self) -> dict:
        return composite_data(self.context)
