"""Fuzzing design mode's ``@@composite-preview`` and ``@@composite-cards``:
they validate an unsaved arrangement as a save would, and store nothing."""

from fuzzing import ERROR_CARD
from fuzzing import fuzz_settings
from fuzzing import widget_errors
from hypothesis import given
from hypothesis import strategies as st
from strategies import arrangements
from strategies import encode
from strategies import form_body
from strategies import mutated
from strategies import WIDGET_TYPES

import json


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def as_field(document) -> str:
    """A document as the text of a form field (lone surrogates kept)."""
    return encode(document).decode("utf-8", "surrogatepass")


def ids_of(document: dict) -> list[str]:
    return [
        widget["id"]
        for widgets in (*document["slots"].values(), document["unplaced"])
        for widget in widgets
    ]


def unsaved(site, data) -> tuple[dict, object]:
    """Store an arrangement, and draw an unsaved one.

    :returns: the unsaved arrangement, and what is sent as the ``arrangement``
        field: it, or a hostile mutation of it.
    """
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "stored"))
    version = site.version()
    document = {"version": version, **data.draw(arrangements(uids=site.uids))}
    if data.draw(st.booleans(), "mutated"):
        return document, data.draw(mutated(st.just(document)), "arrangement")[0]
    return document, document


def send(site, data, view: str, fields: dict):
    """POST ``fields`` with the Editor's CSRF token (or, drawn, without)."""
    if data.draw(st.integers(0, 9), "token") > 0:
        fields = {**fields, "_authenticator": site.editor.headers["X-CSRF-TOKEN"]}
    method = data.draw(st.sampled_from(["POST"] * 9 + ["GET"]), "method")
    accept = "application/json" if view == "cards" else "text/html"
    body = form_body(fields)
    if method == "GET":
        return site.editor.request(
            "GET",
            f"{site.url}/@@composite-{view}?{body.decode()}",
            headers={"Accept": accept},
        )
    return site.editor.request(
        "POST",
        f"{site.url}/@@composite-{view}",
        body=body,
        headers={**FORM, "Accept": accept},
    )


@fuzz_settings
@given(data=st.data())
def test_a_hostile_preview_is_refused_or_renders(fuzz_site, data):
    site = fuzz_site
    _valid, document = unsaved(site, data)
    before = site.snapshot()
    with widget_errors() as errors:
        response = send(site, data, "preview", {"arrangement": as_field(document)})
    site.check_unchanged(response, before)
    if response.status_int == 200:
        assert ERROR_CARD not in response.text
        assert not errors, errors


@fuzz_settings
@given(data=st.data())
def test_hostile_cards_are_refused_or_rendered(fuzz_site, data):
    site = fuzz_site
    valid, document = unsaved(site, data)
    valid_ids = ids_of(valid) or ["x"]
    ids, _mutations = data.draw(
        mutated(st.lists(st.sampled_from(valid_ids), max_size=3))
        | st.lists(st.sampled_from(valid_ids), max_size=3).map(lambda ids: (ids, [])),
        "ids",
    )
    before = site.snapshot()
    with widget_errors() as errors:
        response = send(
            site,
            data,
            "cards",
            {"arrangement": as_field(document), "ids": as_field(ids)},
        )
    site.check_unchanged(response, before)
    if response.status_int == 400 and "error" in response.json:
        field = response.json["error"]["field"]
        assert field.split(".")[0] in ("ids", "arrangement"), response.text
    if response.status_int == 200:
        cards = response.json["cards"]
        assert [card["id"] for card in cards] == list(dict.fromkeys(ids))
        assert all(ERROR_CARD not in card["html"] for card in cards), cards
        assert not errors, errors
        json.dumps(cards).encode("utf-8")
