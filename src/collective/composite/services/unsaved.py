"""The unsaved arrangement ``POST @composite-cards`` and ``POST
@composite-preview`` take: what the editor would save, validated as a save
validates it, and stored nowhere."""

from collective.composite import _
from collective.composite import arrangement
from collective.composite.exceptions import InvalidArrangement
from collective.composite.json_body import not_json
from collective.composite.refusals import write_refusal


# What the editor sends besides the arrangement itself; not part of it.
IGNORED_KEYS = ("version", "@id", "layouts")
IGNORED_WIDGET_KEYS = ("references", "title")


def unsaved_arrangement(context, body: dict) -> arrangement.Arrangement:
    """The ``arrangement`` member of ``body``, as :func:`arrangement.preview`
    builds it.

    :param context: the page the arrangement is for.
    :param body: the request body, ``{"arrangement": <the JSON a PATCH
        @composite would save>, ...}``.
    :raises Refusal: 400 when the member is missing or not a JSON object, and
        for what a save would refuse (the field prefixed with
        ``arrangement.``).
    """
    data = body.get("arrangement")
    if not isinstance(data, dict):
        raise not_json(
            _("The arrangement to preview must be a JSON object."),
            field="arrangement",
        )
    data = {key: value for key, value in data.items() if key not in IGNORED_KEYS}
    try:
        return arrangement.preview(context, _without_read_only(data))
    except InvalidArrangement as error:
        raise write_refusal(error, prefix="arrangement") from None


def _without_read_only(data: dict) -> dict:
    # Whatever is not shaped like widgets is left for the API to refuse.
    def clean(widgets):
        if not isinstance(widgets, list):
            return widgets
        return [
            {k: v for k, v in widget.items() if k not in IGNORED_WIDGET_KEYS}
            if isinstance(widget, dict)
            else widget
            for widget in widgets
        ]

    slots = data.get("slots")
    if isinstance(slots, dict):
        data["slots"] = {name: clean(widgets) for name, widgets in slots.items()}
    if "unplaced" in data:
        data["unplaced"] = clean(data["unplaced"])
    return data
