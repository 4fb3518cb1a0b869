"""``POST @composite-cards``: the design cards of some widgets of an
arrangement not saved yet.

Design mode asks for them when it shows widgets the page was not rendered with,
or with other settings than their card shows (another editor's, after a
conflict), all in one request.
"""

from collective.composite import _
from collective.composite.design.cards import CardRenderer
from collective.composite.design.cards import widget_title
from collective.composite.refusals import Refusal
from collective.composite.services.base import check_members
from collective.composite.services.base import CompositeService
from collective.composite.services.unsaved import unsaved_arrangement


class CardsPost(CompositeService):
    """Answer ``POST @composite-cards`` with ``{"arrangement": <the JSON a
    PATCH @composite would save>, "ids": [widget ids]}``.

    The arrangement is validated as a save would validate it; nothing is
    stored. Answers ``{"cards": [{"id", "title", "html"}]}`` in the order of
    ``ids``: each widget's title and its type's design card (what goes into
    ``.composite-card__body``); 400 naming the field for what a save would
    refuse and for ids not in the arrangement. Needs the design permission and
    the CSRF token (see :meth:`~..base.CompositeService.check_csrf`).
    """

    def answer(self) -> dict:
        self.check_csrf()
        self.request.response.setHeader("Cache-Control", "no-store")
        body = self.read_body()
        check_members(body, {"arrangement", "ids"})
        ids = read_ids(body)
        state = unsaved_arrangement(self.context, body)
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
        return {
            "cards": [
                {
                    "id": widget.id,
                    "title": widget_title(widget, self.context, self.request),
                    "html": renderer.body(widget),
                }
                for widget in wanted
            ]
        }


def read_ids(body: dict) -> list[str]:
    """The ``ids`` member: widget ids, each once, in order.

    :raises Refusal: 400 when it is missing or not a list of strings.
    """
    ids = body.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise Refusal(
            400,
            "BadRequest",
            _("The cards to render must be a JSON list of widget ids."),
            field="ids",
        )
    return list(dict.fromkeys(ids))
