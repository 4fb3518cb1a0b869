"""Fuzzing ``POST @composite-preview`` and ``POST @composite-cards``: they
validate an unsaved arrangement as a save would, and store nothing."""

from fuzzing import check_refusal
from fuzzing import ERROR_CARD
from fuzzing import fuzz_settings
from fuzzing import widget_errors
from hypothesis import given
from hypothesis import strategies as st
from strategies import arrangements
from strategies import encode
from strategies import mutated
from strategies import WIDGET_TYPES

import json


def ids_of(document: dict) -> list[str]:
    return [
        widget["id"]
        for widgets in (*document["slots"].values(), document["unplaced"])
        for widget in widgets
    ]


def unsaved(site, data) -> tuple[dict, object]:
    """Store an arrangement, and draw an unsaved one.

    :returns: the unsaved arrangement, and what is sent as the ``arrangement``
        member: it, or a hostile mutation of it.
    """
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "stored"))
    version = site.version()
    document = {"version": version, **data.draw(arrangements(uids=site.uids))}
    if data.draw(st.booleans(), "mutated"):
        return document, data.draw(mutated(st.just(document)), "arrangement")[0]
    return document, document


def send(site, data, service: str, body: dict):
    """POST ``body`` to ``@composite-<service>``, mostly as the Editor with
    their CSRF token; drawn: without it, as another user, or as a GET."""
    sender = data.draw(
        st.sampled_from(["editor"] * 6 + ["bearer", "reader", "anonymous"]), "sender"
    )
    client = getattr(site, sender)
    headers = {}
    if data.draw(st.integers(0, 9), "token") == 0:
        headers["X-CSRF-TOKEN"] = None
    url = f"{site.url}/@composite-{service}"
    if data.draw(st.sampled_from(["POST"] * 9 + ["GET"]), "method") == "GET":
        return client.request("GET", url, headers=headers)
    raw = encode(body, ascii_only=data.draw(st.booleans(), "ascii only"))
    return client.request("POST", url, body=raw, headers=headers)


def send_checked(site, data, service: str, body: dict):
    """:func:`send` ``body``, and check that the request stored nothing and
    that a refusal says why.

    :returns: the response, and the errors logged while rendering widgets.
    """
    before = site.snapshot()
    with widget_errors() as errors:
        response = send(site, data, service, body)
    site.check_unchanged(response, before)
    if response.status_int >= 400:
        check_refusal(response, body)
    return response, errors


@fuzz_settings
@given(data=st.data())
def test_a_hostile_preview_is_refused_or_renders(fuzz_site, data):
    site = fuzz_site
    _valid, document = unsaved(site, data)
    response, errors = send_checked(site, data, "preview", {"arrangement": document})
    if response.status_int == 200:
        html = response.json["html"]
        assert html.startswith("<!DOCTYPE html>"), html[:200]
        assert ERROR_CARD not in html
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
    body = {"arrangement": document, "ids": ids}
    response, errors = send_checked(site, data, "cards", body)
    if response.status_int == 400 and "error" in response.json:
        error = response.json["error"]
        # A body refused whole (nested too deep for the WSGI filter) names no field.
        whole = error["type"] == "DeserializationError" and error["field"] == ""
        assert whole or error["field"].split(".")[0] in ("ids", "arrangement"), (
            response.text
        )
    if response.status_int == 200:
        cards = response.json["cards"]
        assert [card["id"] for card in cards] == list(dict.fromkeys(ids))
        assert all(ERROR_CARD not in card["html"] for card in cards), cards
        assert not errors, errors
        json.dumps(cards).encode("utf-8")
