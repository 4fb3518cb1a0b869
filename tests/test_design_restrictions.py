"""Widget types with a permission of their own (the shipped ``html``): design
mode offers users without it only what they may do (move, remove), says why
Edit and Duplicate are missing, and the settings form answers a clear 403."""

from design_markup import design_document
from functional_fixtures import arrange
from lxml import html as lxml_html
from test_design_settings import opening
from test_design_settings import post

import json
import pytest


HTML = {"Accept": "text/html"}
WHY = (
    "Only these roles may edit or duplicate HTML embed widgets: Manager, "
    "Site Administrator."
)


@pytest.fixture
def embedded(functional_page):
    arrange(
        functional_page,
        {
            "layout": "one-column",
            "slots": {
                "main": [
                    {"id": "e", "type": "html", "settings": {"html": "<p>Map</p>"}},
                    {"id": "t", "type": "text", "settings": {"text": "<p>Hi</p>"}},
                ]
            },
        },
    )
    return functional_page


def design_mode(rest_client, page, user: str):
    response = rest_client(user, auth="basic").get(
        f"{page.absolute_url()}/@@composite-design", headers=HTML
    )
    assert response.status_int == 200
    return design_document(response.text)


def actions(document, widget_id: str) -> list[str]:
    (card,) = document.cssselect(f".composite-card[data-widget-id='{widget_id}']")
    return [b.get("data-composite-action") for b in card.cssselect("button")]


def restricted_of(document) -> dict[str, str]:
    (root,) = document.cssselect("[data-composite-editor]")
    types = json.loads(root.get("data-composite-widget-types"))
    return {widget_type["name"]: widget_type["restricted"] for widget_type in types}


def test_editors_learn_who_may_change_html_widgets(rest_client, embedded):
    restricted = restricted_of(design_mode(rest_client, embedded, "editor"))
    assert restricted["html"] == WHY
    assert restricted["text"] == ""


def test_managers_may_change_every_type(rest_client, embedded):
    restricted = restricted_of(design_mode(rest_client, embedded, "manager"))
    assert set(restricted.values()) == {""}


def test_an_editors_html_card_offers_only_remove_and_says_why(rest_client, embedded):
    document = design_mode(rest_client, embedded, "editor")
    assert actions(document, "e") == ["remove"]
    (note,) = document.cssselect("[data-widget-id='e'] .composite-card__restricted")
    assert note.text_content() == WHY
    assert actions(document, "t") == ["edit", "duplicate", "remove"]


def test_a_managers_html_card_offers_everything(rest_client, embedded):
    document = design_mode(rest_client, embedded, "manager")
    assert actions(document, "e") == ["edit", "duplicate", "remove"]
    assert not document.cssselect(".composite-card__restricted")


def test_the_settings_form_refuses_with_a_403_that_says_why(rest_client, embedded):
    url = f"{embedded.absolute_url()}/@@composite-widget-settings"
    response = post(rest_client, url, opening("html", {"html": "<p>Map</p>"}))
    assert response.status_int == 403
    document = lxml_html.fromstring(response.text)
    (refusal,) = document.cssselect("[role='alert'].composite-settings-page__refusal")
    assert refusal.text_content() == WHY
    assert not document.cssselect("form#form")
    assert "there seems to be an error" not in response.text
