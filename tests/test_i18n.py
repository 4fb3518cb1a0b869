"""Translations: design mode, the real view and the services speak German."""

from collective.composite import _
from collective.composite import arrangement
from collective.composite.design.messages import EDITOR_MESSAGES
from collective.composite.exceptions import UnknownSlot
from functional_fixtures import arrange
from lxml import html as lxml_html
from plone import api
from zope.i18n import translate

import json
import pytest
import re
import transaction


DOMAIN = "collective.composite"
HTML = {"Accept": "text/html"}
PLACEHOLDER = re.compile(r"\$?\{(\w+)\}")
MISSING_UID = "0" * 32
LISTING = {
    "query": [
        {
            "i": "portal_type",
            "o": "plone.app.querystring.operation.selection.any",
            "v": ["Document"],
        }
    ],
    "limit": 3,
}


@pytest.fixture
def german_site(functional_portal):
    """The site's language is German (request negotiation stays off)."""
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.default_language", "de")
    transaction.commit()
    return functional_portal


@pytest.fixture
def arranged(functional_page):
    arrange(
        functional_page,
        {
            "layout": "two-columns",
            "slots": {
                "main": [
                    {"id": "a", "type": "text", "settings": {"text": "<p>Hallo</p>"}},
                    {"id": "m", "type": "content", "settings": {"uid": MISSING_UID}},
                ],
                "sidebar": [{"id": "l", "type": "listing", "settings": LISTING}],
            },
            "unplaced": [
                {"id": "c", "type": "text", "settings": {}, "slot": "footer"},
            ],
        },
    )
    return functional_page


def get_page(rest_client, url, headers=None):
    response = rest_client("editor", auth="basic").get(
        url, headers={**HTML, **(headers or {})}
    )
    assert response.status_int == 200, response.status
    return lxml_html.fromstring(response.text)


def texts(elements) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


def design_mode(rest_client, page, headers=None):
    document = get_page(
        rest_client, f"{page.absolute_url()}/@@composite-design", headers
    )
    (root,) = document.cssselect("[data-composite-editor]")
    return root


def test_design_mode_toolbar_is_german(rest_client, german_site, arranged):
    root = design_mode(rest_client, arranged)
    assert texts(root.cssselect("[role=toolbar] button")) == [
        "Speichern",
        "Abbrechen",
        "Rückgängig",
        "Wiederholen",
        "Vorschau",
        "Widget hinzufügen",
        "Historie",
    ]
    (toolbar,) = root.cssselect("[role=toolbar]")
    assert toolbar.get("aria-label") == "Gestaltungsmodus"


def test_design_mode_slots_cards_and_tray_are_german(
    rest_client, german_site, arranged
):
    root = design_mode(rest_client, arranged)
    slots = root.cssselect("[data-composite-canvas] [data-composite-slot]")
    assert [slot.get("aria-label") for slot in slots] == [
        "Hauptbereich",
        "Seitenleiste",
    ]
    (card,) = root.cssselect("[data-widget-id=a]")
    assert card.get("aria-label") == "Text: Hallo"
    assert [button.get("aria-label") for button in card.cssselect("button")] == [
        "Hallo bearbeiten",
        "Hallo duplizieren",
        "Hallo entfernen",
    ]
    assert texts(card.cssselect("button")) == ["Bearbeiten", "Duplizieren", "Entfernen"]
    (tray,) = root.cssselect("[data-composite-unplaced]")
    assert tray.get("aria-label") == "Nicht platzierte Widgets"
    assert texts(tray.cssselect(".composite-card__empty")) == ["Noch kein Text."]
    (missing,) = root.cssselect("[data-widget-id=m] .composite-card--missing strong")
    assert missing.text_content() == "Fehlender Inhalt."
    (listing,) = root.cssselect("[data-widget-id=l] .composite-card--listing")
    assert texts(listing.cssselect(".composite-card__type")) == ["Auflistung"]


def test_design_mode_layouts_and_palette_are_german(rest_client, german_site, arranged):
    root = design_mode(rest_client, arranged)
    assert sorted(texts(root.cssselect(".composite-layouts__title"))) == [
        "Drei Spalten",
        "Eine Spalte",
        "Landingpage",
        "Zwei Spalten",
    ]
    palette = texts(root.cssselect("[data-composite-add]"))
    assert "Bild" in palette
    assert "Auflistung" in palette
    layouts = {
        layout["name"]: layout
        for layout in json.loads(root.get("data-composite-layouts"))
    }
    assert [slot["title"] for slot in layouts["landing"]["slots"]][:2] == [
        "Aufmacher",
        "Hervorhebung 1",
    ]


def test_design_mode_passes_german_messages_to_the_editor(
    rest_client, german_site, arranged
):
    root = design_mode(rest_client, arranged)
    messages = json.loads(root.get("data-composite-messages"))
    assert messages["save.saved"] == "Gespeichert."
    assert messages["op.added"] == "{title} zu {slot} hinzugefügt."


def test_accept_language_chooses_german_when_negotiation_is_on(
    rest_client, functional_portal, arranged
):
    api.portal.set_registry_record("plone.available_languages", ["en", "de"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    transaction.commit()
    german = design_mode(rest_client, arranged, {"Accept-Language": "de"})
    english = design_mode(rest_client, arranged, {"Accept-Language": "en"})
    assert texts(german.cssselect("[data-composite-action=save]")) == ["Speichern"]
    assert texts(english.cssselect("[data-composite-action=save]")) == ["Save"]


def test_real_view_notice_for_designers_is_german(rest_client, german_site, arranged):
    document = get_page(rest_client, f"{arranged.absolute_url()}/@@composite-view")
    (notice,) = document.cssselect(".composite-unplaced-notice")
    assert texts([notice]) == [
        "1 Widget(s) haben in diesem Layout keinen Platz. Sie bleiben erhalten: "
        "Platzieren Sie sie im Gestaltungsmodus erneut."
    ]


def test_a_refused_save_explains_itself_in_german(rest_client, german_site, arranged):
    version = arrangement.get(arranged).version
    response = rest_client("editor").patch(
        f"{arranged.absolute_url()}/@composite",
        json={"version": version, "slots": {"nope": []}},
    )
    assert response.status_int == 400
    assert response.json["error"] == {
        "type": "UnknownSlot",
        "message": "Das Layout 'two-columns' hat keinen Bereich 'nope'.",
        "field": "slots.nope",
    }


def test_errors_stay_english_in_logs(portal):
    error = UnknownSlot(
        _(
            "The layout '${layout}' has no slot '${slot}'.",
            mapping={"layout": "one-column", "slot": "nope"},
        )
    )
    assert str(error) == "The layout 'one-column' has no slot 'nope'."
    assert translate(error.message, target_language="de") == (
        "Das Layout 'one-column' hat keinen Bereich 'nope'."
    )


def test_every_editor_message_has_a_german_translation(portal):
    assert EDITOR_MESSAGES
    for key, message in EDITOR_MESSAGES.items():
        german = translate(key, domain=DOMAIN, target_language="de")
        assert german != key, key
        assert set(PLACEHOLDER.findall(german)) == set(
            PLACEHOLDER.findall(message.default)
        ), key


def test_toolbar_design_action_is_german(rest_client, german_site, arranged):
    document = get_page(rest_client, f"{arranged.absolute_url()}/@@composite-view")
    links = document.cssselect("a[href*='@@composite-design']")
    assert "Gestalten" in texts(links)


def test_empty_page_invitation_is_german(rest_client, german_site, functional_page):
    document = get_page(
        rest_client, f"{functional_page.absolute_url()}/@@composite-view"
    )
    (invitation,) = document.cssselect(".composite-empty-page")
    assert texts(invitation.cssselect("a")) == ["Diese Seite gestalten"]


def test_composite_page_type_title_is_german(portal):
    title = portal.portal_types["Composite Page"].Title()
    assert translate(title, target_language="de") == "Zusammengesetzte Seite"
