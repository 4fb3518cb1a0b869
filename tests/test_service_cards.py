"""``POST @composite-cards``: the design cards of widgets of an arrangement not
saved yet, in one request, storing nothing (what design mode shows for another
editor's widgets after a conflict)."""

from functional_fixtures import post_with_csrf_token
from functional_fixtures import text_widget
from lxml import html as lxml_html
from plone import api
from xss_vectors import arrangement_data
from xss_vectors import unsafe_markup

import pytest
import transaction


WIDGETS = {"main": [text_widget("a", "Alpha")], "sidebar": []}
pytestmark = pytest.mark.arrangement({"layout": "two-columns", "slots": WIDGETS})


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@composite-cards"


def unsaved(**slots) -> dict:
    """The editor's arrangement: Alpha, then ``slots``."""
    return {
        "version": "1",
        "layout": "two-columns",
        "slots": {**WIDGETS, **slots},
        "unplaced": [],
    }


def post(client, url, data, ids):
    return post_with_csrf_token(client, url, {"arrangement": data, "ids": ids})


def test_cards_renders_the_design_card_of_each_widget_asked_for(
    design_client, url, arranged
):
    data = unsaved(sidebar=[text_widget("b", "Beta is new")])
    response = post(design_client, url, data, ["b", "a"])
    assert response.status_int == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["Cache-Control"] == "no-store"
    cards = response.json["cards"]
    assert [card["id"] for card in cards] == ["b", "a"]
    assert [card["title"] for card in cards] == ["Beta is new", "Alpha"]
    body = lxml_html.fragment_fromstring(cards[0]["html"], create_parent="div")
    assert body.cssselect(".composite-card--text")


def test_cards_text_excerpt_leaves_out_the_heading_the_title_shows(
    design_client, url, arranged
):
    widget = {
        "id": "b",
        "type": "text",
        "settings": {"text": "<h2>Spring readings</h2><p>Poets read in the hall.</p>"},
    }
    (card,) = post(design_client, url, unsaved(sidebar=[widget]), ["b"]).json["cards"]
    assert card["title"] == "Spring readings"
    body = lxml_html.fragment_fromstring(card["html"], create_parent="div")
    (excerpt,) = body.cssselect(".composite-card__excerpt")
    assert excerpt.text_content() == "Poets read in the hall."


def test_cards_renders_the_posted_settings_not_the_stored_ones(
    design_client, url, arranged
):
    changed = {"text": "<h2>Alpha changed</h2><p>Changed words</p>"}
    data = unsaved(main=[{"id": "a", "type": "text", "settings": changed}])
    (card,) = post(design_client, url, data, ["a"]).json["cards"]
    assert card["title"] == "Alpha changed"
    assert "Changed words" in card["html"]


def test_cards_take_the_arrangement_as_get_gives_it(design_client, url, arranged):
    """Members the editor keeps from ``GET @composite`` (``@id``, ``layouts``,
    a widget's ``references`` and ``title``) are not part of the arrangement."""
    data = design_client.get(f"{arranged.absolute_url()}/@composite").json
    data["slots"]["main"][0]["title"] = "Alpha"
    (card,) = post(design_client, url, data, ["a"]).json["cards"]
    assert card["title"] == "Alpha"


def test_cards_asks_for_each_widget_once(design_client, url, arranged):
    cards = post(design_client, url, unsaved(), ["a", "a"]).json["cards"]
    assert [card["id"] for card in cards] == ["a"]


def test_cards_refuses_a_widget_not_in_the_arrangement(design_client, url, arranged):
    response = post(design_client, url, unsaved(), ["nowhere"])
    assert response.status_int == 400
    assert response.json["error"] == {
        "type": "BadRequest",
        "message": "The widget 'nowhere' is not in the arrangement.",
        "field": "ids",
    }


@pytest.mark.parametrize("ids", ["a", [1], "{not json", "", None, {"a": 1}])
def test_cards_refuses_ids_that_are_not_a_list_of_ids(
    design_client, url, arranged, ids
):
    response = post(design_client, url, unsaved(), ids)
    assert response.status_int == 400
    assert response.json["error"]["field"] == "ids"
    assert response.json["error"]["message"] == (
        "The cards to render must be a JSON list of widget ids."
    )


def test_cards_refuses_a_body_without_ids(design_client, url, arranged):
    response = post_with_csrf_token(design_client, url, {"arrangement": unsaved()})
    assert response.status_int == 400
    assert response.json["error"]["field"] == "ids"


def test_cards_says_why_in_german(design_client, url, arranged):
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.default_language", "de")
    transaction.commit()
    response = post(design_client, url, unsaved(), ["nowhere"])
    assert response.status_int == 400
    assert response.json["error"]["message"] == (
        "Das Widget 'nowhere' ist nicht in der Anordnung."
    )


def test_no_vector_survives_in_cards(rest_client, url, arranged):
    data = arrangement_data()
    ids = [w["id"] for widgets in data["slots"].values() for w in widgets]
    response = post(rest_client("manager", auth="basic"), url, data, ids)
    assert response.status_int == 200
    html = "".join(card["html"] for card in response.json["cards"])
    assert "__xss" in html
    assert unsafe_markup(f"<html><body>{html}</body></html>") == []


def test_design_mode_says_where_to_ask_for_cards(design_client, arranged):
    response = design_client.get(
        f"{arranged.absolute_url()}/@@composite-design", headers={"Accept": "text/html"}
    )
    (root,) = lxml_html.fromstring(response.text).cssselect("[data-composite-editor]")
    cards_url = root.get("data-composite-cards-url")
    assert cards_url == f"{arranged.absolute_url()}/++api++/@composite-cards"
    answer = post(design_client, cards_url, unsaved(), ["a"])
    assert answer.status_int == 200
    assert [card["id"] for card in answer.json["cards"]] == ["a"]
