"""``@@composite-cards``: the design cards of some widgets of an arrangement
not saved yet.

Design mode asks for them when it shows widgets the page was not rendered with,
or with other settings than their card shows (another editor's, after a
conflict), all in one request. It posts the fields ``arrangement`` (the JSON the
editor would save, as for ``@@composite-preview``), ``ids`` (a JSON list of ids
of widgets in that arrangement) and ``_authenticator``. The arrangement is
validated as a save would validate it; nothing is stored. The answer is JSON,
``{"cards": [{"id", "title", "html"}]}`` in the order of ``ids``: each widget's
title and its type's design card (what goes into ``.composite-card__body``).
Bad input is answered with 400 and ``{"error": {"type", "message", "field"}}``.
"""

from collective.composite import _
from collective.composite import arrangement
from collective.composite.design.preview import read_arrangement
from collective.composite.design.view import CardRenderer
from collective.composite.design.view import check_design_post
from collective.composite.design.view import widget_title
from collective.composite.exceptions import InvalidArrangement
from collective.composite.services.json_body import read_json_field
from collective.composite.services.refusals import Refusal
from collective.composite.services.refusals import write_refusal
from Products.Five.browser import BrowserView

import json


class CardsView(BrowserView):
    """Render the design cards of the posted widgets, as JSON."""

    def __call__(self) -> str:
        check_design_post(
            self.context, self.request, "Cards take the arrangement as a POST."
        )
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setHeader("Cache-Control", "no-store")
        try:
            body = {"cards": self.cards()}
        except Refusal as refusal:
            body = refusal.respond(self.request)
        return json.dumps(body)

    def cards(self) -> list[dict]:
        """:returns: ``id``, ``title`` and ``html`` of every requested widget.

        :raises Refusal: 400 for an arrangement a save would refuse and for
            ``ids`` that are not ids of its widgets.
        """
        ids = read_ids(self.request)
        data = read_arrangement(self.request)
        try:
            state = arrangement.preview(self.context, data)
        except InvalidArrangement as error:
            raise write_refusal(error, prefix="arrangement") from None
        widgets = {widget.id: widget for widget in state.widgets}
        for widget_id in ids:
            if widget_id not in widgets:
                raise Refusal(
                    400,
                    "BadRequest",
                    _(
                        "The widget '${id}' is not in the arrangement.",
                        mapping={"id": widget_id},
                    ),
                    field="ids",
                )
        wanted = [widgets[widget_id] for widget_id in ids]
        renderer = CardRenderer(self)
        renderer.prefetch(wanted)
        return [
            {
                "id": widget.id,
                "title": widget_title(widget, self.context, self.request),
                "html": renderer.body(widget),
            }
            for widget in wanted
        ]


def read_ids(request) -> list[str]:
    """The posted ``ids`` field: widget ids, each once, in order.

    :raises Refusal: when it is missing or not a JSON list of strings.
    """
    message = _("The cards to render must be a JSON list of widget ids.")
    ids = read_json_field(request, "ids", message, list)
    if not all(isinstance(i, str) for i in ids):
        raise Refusal(400, "BadRequest", message, field="ids")
    return list(dict.fromkeys(ids))
