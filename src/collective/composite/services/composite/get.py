"""``GET @composite``: the arrangement of a page as JSON."""

from collective.composite import arrangement
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import require
from collective.composite.widgettypes import get_widget_type
from itertools import chain
from plone import api
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service


def serialize(context) -> dict:
    """The arrangement of ``context`` as the ``@composite`` resource.

    Each widget lists the content its settings refer to under ``references``:
    UID to ``{"@id", "title", "@type"}``, or ``null`` when the item is gone or
    the current user may not see it. All of them are looked up in one query.

    :param context: a composite-enabled content object.
    :returns: a JSON-compatible dict.
    """
    state = arrangement.get(context)
    widgets = [*chain.from_iterable(state.slots.values()), *state.unplaced]
    uids = {widget.id: _referenced_uids(widget) for widget in widgets}
    found = _find(set(chain.from_iterable(uids.values())))

    def widget_data(widget, **extra) -> dict:
        return {
            "id": widget.id,
            "type": widget.type,
            "settings": json_compatible(dict(widget.settings)),
            "references": {uid: found.get(uid) for uid in uids[widget.id]},
            **extra,
        }

    url = context.absolute_url()
    return {
        "@id": f"{url}/@composite",
        "layout": state.layout,
        "version": state.version,
        "slots": {
            name: [widget_data(widget) for widget in placed]
            for name, placed in state.slots.items()
        },
        "unplaced": [
            widget_data(widget, slot=widget.slot) for widget in state.unplaced
        ],
        "layouts": {"@id": f"{url}/@composite-layouts"},
    }


def _referenced_uids(widget) -> list[str]:
    try:
        widget_type = get_widget_type(widget.type)
    except UnknownWidgetType:
        # A type removed from the configuration since; its widget still reads.
        return []
    return list(widget_type.references(widget.settings))


def _find(uids: set[str]) -> dict[str, dict]:
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    return {
        brain.UID: {
            "@id": brain.getURL(),
            "title": brain.Title,
            "@type": brain.portal_type,
        }
        for brain in catalog(UID=sorted(uids))
    }


class CompositeGet(Service):
    """Answer ``GET @composite``; needs View."""

    def reply(self) -> dict:
        try:
            require("View", self.context)
        except Refusal as refusal:
            return refusal.respond(self.request)
        return serialize(self.context)
