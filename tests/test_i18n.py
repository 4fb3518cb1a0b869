"""Translations: design mode, the real view and the services speak German.

Every shipped language is complete, and a page in French or Japanese shows the
add-on's texts in that language too.
"""

from collective.composite import _
from collective.composite import arrangement
from collective.composite.design.messages import EDITOR_MESSAGES
from collective.composite.exceptions import UnknownSlot
from collective.composite.widgets.types import get_widget_types
from design_markup import design_document
from lxml import html as lxml_html
from pathlib import Path
from plone import api
from pythongettext.msgfmt import Msgfmt
from zope.i18n import translate
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IChoice

import collective.composite
import json
import pytest
import re
import transaction


DOMAIN = "collective.composite"
LOCALES = Path(collective.composite.__file__).parent / "locales"
# The languages the add-on ships, each complete.
LANGUAGES = ("de", "es", "fr", "it", "ja", "nl", "pt_BR")
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
pytestmark = pytest.mark.arrangement(
    {
        "layout": "two-columns",
        "slots": {
            "main": [
                {"id": "a", "type": "text", "settings": {"text": "<p>Hallo</p>"}},
                {"id": "m", "type": "content", "settings": {"uid": MISSING_UID}},
            ],
            "sidebar": [{"id": "l", "type": "listing", "settings": LISTING}],
        },
        "unplaced": [{"id": "c", "type": "text", "settings": {}, "slot": "footer"}],
    }
)


@pytest.fixture
def german_site(functional_portal):
    """The site's language is German (request negotiation stays off)."""
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.default_language", "de")
    transaction.commit()
    return functional_portal


def get_html(rest_client, url, headers=None) -> str:
    response = rest_client("editor", auth="basic").get(
        url, headers={**HTML, **(headers or {})}
    )
    assert response.status_int == 200, response.status
    return response.text


def get_page(rest_client, url, headers=None):
    return lxml_html.fromstring(get_html(rest_client, url, headers))


def texts(elements) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


def design_mode(rest_client, page, headers=None):
    html = get_html(rest_client, f"{page.absolute_url()}/@@composite-design", headers)
    (root,) = design_document(html).cssselect("[data-composite-editor]")
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
        "Ein Widget hat in diesem Layout keinen Platz. Es bleibt erhalten: "
        "Platzieren Sie es im Gestaltungsmodus erneut."
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_editor_message_is_translated(portal, language):
    assert EDITOR_MESSAGES
    for key, message in EDITOR_MESSAGES.items():
        translation = translate(key, domain=DOMAIN, target_language=language)
        assert translation != key, key
        assert set(PLACEHOLDER.findall(translation)) == set(
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


class CatalogReader(Msgfmt):
    """Reads every message of a catalog, translated or not, as zope.i18n parses it."""

    def add(self, context, id, string, fuzzy):
        super().add(context, id, string, fuzzy)
        if id:
            # A fuzzy translation is not used: it counts as none.
            self.messages[id] = "" if fuzzy else string


def catalog_messages(path: Path) -> dict[str, str]:
    """:param path: a .po or .pot file
    :returns: its translations (empty when there is none) by msgid, header aside
    """
    reader = CatalogReader(str(path))
    reader.read()
    return {msgid: text for msgid, text in reader.messages.items() if msgid}


def test_the_add_on_ships_every_language():
    shipped = sorted(po.parent.parent.name for po in LOCALES.glob("*/*/*.po"))
    assert shipped == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_pot_is_translated(language):
    wanted = catalog_messages(LOCALES / f"{DOMAIN}.pot")
    assert wanted
    po = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    translations = catalog_messages(po)
    assert sorted(translations) == sorted(wanted)
    assert [msgid for msgid, text in translations.items() if not text] == []


@pytest.fixture
def site_language(functional_portal, request):
    """The site's language is ``request.param`` (request negotiation stays off)."""
    api.portal.set_registry_record("plone.available_languages", [request.param])
    api.portal.set_registry_record("plone.default_language", request.param)
    transaction.commit()
    return request.param


TOOLBARS = {
    "fr": (
        "Mode conception",
        [
            "Enregistrer",
            "Annuler",
            "Défaire",
            "Refaire",
            "Aperçu",
            "Ajouter un widget",
            "Historique",
        ],
    ),
    "ja": (
        "デザインモード",
        [
            "保存",
            "キャンセル",
            "元に戻す",
            "やり直す",
            "プレビュー",
            "ウィジェットを追加",
            "履歴",
        ],
    ),
}


@pytest.mark.parametrize("site_language", sorted(TOOLBARS), indirect=True)
def test_design_mode_toolbar_speaks_the_site_language(
    rest_client, site_language, arranged
):
    label, buttons = TOOLBARS[site_language]
    root = design_mode(rest_client, arranged)
    (toolbar,) = root.cssselect("[role=toolbar]")
    assert toolbar.get("aria-label") == label
    assert texts(toolbar.cssselect("button")) == buttons


DESIGN_TEXTS = {
    "fr": {
        "slots": ["Principal", "Barre latérale"],
        "tray": "Widgets non placés",
        "empty": "Pas encore de texte.",
        "saved": "Enregistré.",
        "added": "{title} ajouté à {slot}.",
    },
    "ja": {
        "slots": ["メイン", "サイドバー"],
        "tray": "未配置のウィジェット",
        "empty": "テキストはまだありません。",
        "saved": "保存しました。",
        "added": "{title} を {slot} に追加しました。",
    },
}


@pytest.mark.parametrize("site_language", sorted(DESIGN_TEXTS), indirect=True)
def test_design_mode_slots_tray_and_messages_speak_the_site_language(
    rest_client, site_language, arranged
):
    expected = DESIGN_TEXTS[site_language]
    root = design_mode(rest_client, arranged)
    slots = root.cssselect("[data-composite-canvas] [data-composite-slot]")
    assert [slot.get("aria-label") for slot in slots] == expected["slots"]
    (tray,) = root.cssselect("[data-composite-unplaced]")
    assert tray.get("aria-label") == expected["tray"]
    assert texts(tray.cssselect(".composite-card__empty")) == [expected["empty"]]
    messages = json.loads(root.get("data-composite-messages"))
    assert messages["save.saved"] == expected["saved"]
    assert messages["op.added"] == expected["added"]


@pytest.mark.parametrize(
    ("accept_language", "save"),
    [("fr", "Enregistrer"), ("ja", "保存"), ("pt-br", "Salvar"), ("nl", "Opslaan")],
)
def test_accept_language_chooses_a_shipped_language(
    rest_client, functional_portal, arranged, accept_language, save
):
    api.portal.set_registry_record(
        "plone.available_languages", ["en", "fr", "ja", "pt-br", "nl"]
    )
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    transaction.commit()
    root = design_mode(rest_client, arranged, {"Accept-Language": accept_language})
    assert texts(root.cssselect("[data-composite-action=save]")) == [save]


@pytest.mark.parametrize(
    ("settings", "reason"),
    [
        (
            {"display": "huge"},
            '"huge" ist keiner der erlaubten Werte: "titles", "summaries", "cards".',
        ),
        ({"limit": "three"}, "Objekttyp ist falsch."),
    ],
)
def test_the_reason_a_setting_is_refused_is_german_too(
    rest_client, german_site, arranged, settings, reason
):
    version = arrangement.get(arranged).version
    response = rest_client("editor").patch(
        f"{arranged.absolute_url()}/@composite",
        json={
            "version": version,
            "widgets": {"l": {"settings": {**LISTING, **settings}}},
        },
    )
    assert response.status_int == 400
    (name,) = settings
    assert response.json["error"]["message"] == (
        f"Ungültiger Wert für die Einstellung '{name}' eines 'listing'-Widgets: "
        f"{reason}"
    )


@pytest.mark.parametrize(
    ("language", "summary"),
    [
        ("de", "Aus der Übersetzung in 'Englisch' kopiert"),
        ("ja", "'英語' の翻訳からコピー"),
    ],
)
def test_a_translations_copy_names_its_source_language_in_words(
    rest_client, functional_portal, arranged, language, summary
):
    api.portal.set_registry_record("plone.available_languages", [language])
    api.portal.set_registry_record("plone.default_language", language)
    data = arrangement.get(arranged)
    with api.env.adopt_roles(["Manager"]):
        arrangement.save(
            arranged,
            {"layout": "one-column", "slots": {"main": []}},
            version=data.version,
            action="translate",
            source_language="en",
        )
    transaction.commit()
    response = rest_client("editor").get(
        f"{arranged.absolute_url()}/@composite-history"
    )
    assert response.status_int == 200
    newest = response.json["items"][0]
    assert newest["summary"].startswith(summary)


def choices(portal):
    """Every choice the settings dialogs of the shipped widget types offer.

    :returns: (widget type, field name, term) triples.
    """
    for widget_type in get_widget_types():
        for name, field in getFieldsInOrder(widget_type.schema):
            choice = field if IChoice.providedBy(field) else None
            choice = choice or getattr(field, "value_type", None)
            if not IChoice.providedBy(choice):
                continue
            for term in choice.bind(portal).vocabulary:
                yield widget_type.name, name, term


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_choice_of_the_settings_dialogs_is_translated(portal, language):
    found = list(choices(portal))
    assert found
    for type_name, name, term in found:
        english = translate(term.title, target_language="en")
        translation = translate(term.title, target_language=language)
        assert translation != english, (type_name, name, english)
