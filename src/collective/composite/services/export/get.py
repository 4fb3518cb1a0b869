"""``GET @composite-export``: the arrangement of a page as a JSON document."""

from collective.composite.serializers import export_data
from collective.composite.services.base import CompositeService
from collective.composite.widgets.rendering import can_design


class ExportGet(CompositeService):
    """Answer ``GET @composite-export`` with :func:`export_data`, as a file to
    download; needs View.

    The document can be sent as it is to ``POST @composite-import`` of any
    composite page, on this site or another one. Who may not design the page
    gets the settings as visitors' pages show them (markup filtered).
    """

    def answer(self) -> dict:
        filename = f"{self.context.getId()}-arrangement.json"
        self.request.response.setHeader(
            "Content-Disposition", f'attachment; filename="{filename}"'
        )
        return export_data(self.context, for_readers=not can_design(self.context))
