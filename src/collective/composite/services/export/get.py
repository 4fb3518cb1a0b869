"""``GET @composite-export``: the arrangement of a page as a JSON document."""

from collective.composite import arrangement
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import require
from datetime import datetime
from datetime import UTC
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from plone.uuid.interfaces import IUUID


FORMAT = "collective.composite.arrangement/1"


def arrangement_data(state: arrangement.Arrangement) -> dict:
    """An arrangement as :func:`arrangement.replace` takes it back, JSON-ready.

    :returns: ``layout``, ``slots`` (slot name -> widgets ``id``, ``type``,
        ``settings``) and ``unplaced`` (widgets with their ``slot``).
    """
    return arrangement.to_data(state, json_entry)


def json_entry(widget: arrangement.Widget) -> dict:
    """:func:`arrangement.entry_data`, with settings made JSON-compatible."""
    return {
        **arrangement.entry_data(widget),
        "settings": json_compatible(dict(widget.settings)),
    }


class ExportGet(Service):
    """Answer ``GET @composite-export``; needs View.

    The document can be sent as it is to ``POST @composite-import`` of any
    composite page, on this site or another one.
    """

    def reply(self) -> dict:
        try:
            require("View", self.context)
        except Refusal as refusal:
            return refusal.respond(self.request)
        filename = f"{self.context.getId()}-arrangement.json"
        self.request.response.setHeader(
            "Content-Disposition", f'attachment; filename="{filename}"'
        )
        return {
            "format": FORMAT,
            "source": {
                "@id": self.context.absolute_url(),
                "UID": IUUID(self.context, None),
                "title": self.context.Title(),
            },
            "exported": datetime.now(UTC).isoformat(timespec="seconds"),
            **arrangement_data(arrangement.get(self.context)),
        }
