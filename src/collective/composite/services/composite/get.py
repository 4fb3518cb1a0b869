"""``GET @composite``: the arrangement of a page as JSON."""

from collective.composite import arrangement
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.services.export.get import json_entry
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import require
from collective.composite.widgets.types import get_widget_type
from itertools import chain
from plone import api
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
    uids = {widget.id: _referenced_uids(widget) for widget in state.widgets}
    found = _find(set(chain.from_iterable(uids.values())))

    def entry(widget) -> dict:
        return {
            **json_entry(widget),
            "references": {uid: found.get(uid) for uid in uids[widget.id]},
        }

    url = context.absolute_url()
    return {
        "@id": f"{url}/@composite",
        "version": state.version,
        **arrangement.to_data(state, entry),
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
