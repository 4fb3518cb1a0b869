"""``@@composite-preview``: the real page for an arrangement not saved yet.

The editor's Preview posts its unsaved arrangement here (fields ``arrangement``,
the JSON the editor would save, and ``_authenticator``). The arrangement is
validated as a save would validate it and rendered with the layout's real
template; nothing is stored.
"""

from collective.composite import _
from collective.composite import arrangement
from collective.composite.design.view import check_design_post
from collective.composite.exceptions import InvalidArrangement
from collective.composite.layouts.registry import get_layout
from collective.composite.layouts.registry import render_layout
from collective.composite.services.json_body import read_json_field
from collective.composite.services.refusals import Refusal
from collective.composite.widgets.rendering import render_slots
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


# What the editor sends besides the arrangement itself; not part of it.
IGNORED_KEYS = ("version", "@id", "layouts")
IGNORED_WIDGET_KEYS = ("references", "title")


class PreviewView(BrowserView):
    """Render a posted arrangement as visitors would see it once saved."""

    template = ViewPageTemplateFile("templates/preview.pt")
    error = ""
    composed = ""
    unplaced = 0

    def __call__(self) -> str:
        check_design_post(
            self.context, self.request, "Preview takes the arrangement as a POST."
        )
        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        response.setHeader("X-Robots-Tag", "noindex")
        try:
            state = arrangement.preview(self.context, read_arrangement(self.request))
        except InvalidArrangement as error:
            response.setStatus(400)
            self.error = translate(error.message, context=self.request)
            return self.template()
        except Refusal as refusal:
            self.error = refusal.respond(self.request)["error"]["message"]
            return self.template()
        layout = get_layout(state.layout, self.context, self.request)
        slots = render_slots(self.context, self.request, state.slots)
        self.composed = render_layout(layout, self, slots)
        self.unplaced = len(state.unplaced)
        return self.template()


def read_arrangement(request) -> dict:
    """The posted ``arrangement`` field, as :func:`arrangement.replace` takes it.

    :raises Refusal: 400 when it is missing or not a JSON object (see
        :func:`~collective.composite.services.json_body.read_json_field`),
        413 when it is too large.
    """
    data = read_json_field(
        request,
        "arrangement",
        _("The arrangement to preview must be a JSON object."),
    )
    for key in IGNORED_KEYS:
        data.pop(key, None)
    # Whatever is not shaped like widgets is left for the API to refuse.
    slots = data.get("slots")
    groups = [
        *(slots.values() if isinstance(slots, dict) else ()),
        data.get("unplaced"),
    ]
    for widgets in groups:
        if not isinstance(widgets, list):
            continue
        for widget in widgets:
            if isinstance(widget, dict):
                for key in IGNORED_WIDGET_KEYS:
                    widget.pop(key, None)
    return data
