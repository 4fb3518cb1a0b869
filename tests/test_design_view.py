"""@@composite-design: who may open it, and the markup the editor works on."""

from collective.composite.arrangement.storage import find
from collective.composite.interfaces import ICompositeEnabled
from collective.composite.serializers import composite_data
from design_markup import design_document
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from lxml import html as lxml_html
from pathlib import Path
from shipped_layouts import SHIPPED

import json
import pytest
import re
import transaction


HTML = {"Accept": "text/html"}
MESSAGES_JSON = (
    Path(__file__).parent.parent / "src/collective/composite/design/messages.json"
)
pytestmark = pytest.mark.arrangement(
    {
        "layout": "two-columns",
        "slots": {
            "main": [
                {"id": "a", "type": "text", "settings": {"text": "<p>Welcome</p>"}},
                {"id": "b", "type": "text", "settings": {"text": "<h2>Hi</h2>"}},
            ],
            "sidebar": [],
        },
        "unplaced": [{"id": "c", "type": "text", "settings": {}, "slot": "footer"}],
    }
)


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@@composite-design"


def get_html(rest_client, url, user="editor") -> str:
    response = rest_client(user, auth="basic").get(url, headers=HTML)
    assert response.status_int == 200, response.status
    return response.text


def get_page(rest_client, url, user="editor"):
    """The design page as the editor works on it, its card blocks unpacked."""
    return design_document(get_html(rest_client, url, user))


def root_of(document):
    (root,) = document.cssselect("[data-composite-editor]")
    return root


def names(elements) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


def test_anonymous_users_are_sent_to_log_in(rest_client, url):
    response = rest_client().get(url, headers=HTML)
    assert response.status_int == 302
    assert "login" in response.headers["Location"]


def test_users_without_the_design_permission_get_403(rest_client, url):
    response = rest_client("reader", auth="basic").get(url, headers=HTML)
    assert response.status_int == 403


def test_editors_get_the_urls_and_token_the_editor_needs(rest_client, url):
    root = root_of(get_page(rest_client, url))
    assert root.get("data-composite-save-url").endswith("/page/++api++/@composite")
    assert root.get("data-composite-preview-url").endswith(
        "/page/++api++/@composite-preview"
    )
    assert root.get("data-composite-settings-url").endswith(
        "/page/@@composite-widget-settings"
    )
    assert root.get("data-composite-exit-url").endswith("/plone/page")
    assert re.fullmatch(r"[0-9a-f]{40}", root.get("data-composite-csrf-token"))


def test_toolbar_buttons_have_their_public_names(rest_client, url):
    root = root_of(get_page(rest_client, url))
    toolbar = root.cssselect("[role=toolbar] button")
    assert names(toolbar) == [
        "Save",
        "Cancel",
        "Undo",
        "Redo",
        "Preview",
        "Add widget",
        "History",
    ]
    assert [button.get("data-composite-action") for button in toolbar] == [
        "save",
        "cancel",
        "undo",
        "redo",
        "preview",
        "add",
        "history",
    ]


def test_arrangement_data_is_the_rest_resource_with_titles(rest_client, url, arranged):
    root = root_of(get_page(rest_client, url))
    data = json.loads(root.get("data-composite-arrangement"))
    transaction.begin()
    expected = composite_data(arranged)
    for widget in data["slots"]["main"] + data["unplaced"]:
        widget.pop("title")
    assert data == json.loads(json.dumps(expected))


def test_cards_sit_in_slot_regions_in_order(rest_client, url, arranged):
    root = root_of(get_page(rest_client, url))
    (canvas,) = root.cssselect("[data-composite-canvas]")
    slots = canvas.cssselect("[data-composite-slot]")
    assert [
        (s.get("data-composite-slot"), s.get("role"), s.get("aria-label"))
        for s in slots
    ] == [
        ("main", "region", "Main"),
        ("sidebar", "region", "Sidebar"),
    ]
    cards = slots[0].cssselect(".composite-card[data-widget-id]")
    assert [card.get("data-widget-id") for card in cards] == ["a", "b"]
    assert [card.get("aria-label") for card in cards] == ["Text: Welcome", "Text: Hi"]
    assert all(card.get("tabindex") == "0" for card in cards)
    assert names(cards[0].cssselect(".composite-card__title")) == ["Welcome"]
    buttons = cards[0].cssselect(".composite-card__actions button")
    assert [b.get("aria-label") for b in buttons] == [
        "Edit Welcome",
        "Duplicate Welcome",
        "Remove Welcome",
    ]
    # The widget type's design card is the body.
    assert cards[0].cssselect(".composite-card__body .composite-card--text")


def test_unplaced_widgets_wait_in_the_tray(rest_client, url, arranged):
    root = root_of(get_page(rest_client, url))
    (tray,) = root.cssselect("[data-composite-unplaced]")
    assert tray.get("aria-label") == "Unplaced widgets"
    assert [c.get("data-widget-id") for c in tray.cssselect("[data-widget-id]")] == [
        "c"
    ]


def test_the_cards_come_in_one_block_per_slot(rest_client, url, arranged):
    # Cards parsed as elements made the theme transform slow (design/card_blocks.py).
    document = lxml_html.fromstring(get_html(rest_client, url))
    assert not document.cssselect("[data-widget-id]")
    blocks = document.cssselect("script[data-composite-cards]")
    assert [list(block.getparent()) == [block] for block in blocks] == [True, True]
    assert [block.getparent().get("data-composite-slot") for block in blocks] == [
        "main",
        None,
    ]
    assert blocks[1].getparent().get("data-composite-unplaced") is not None
    assert [block.get("type") for block in blocks] == ["application/json"] * 2


def test_a_card_block_keeps_markup_that_would_end_it(rest_client, url, functional_page):
    markup = "</script><!-- <script>window.__xss=1</script> & ü"
    arrange(
        functional_page,
        {
            "layout": "one-column",
            "slots": {
                "main": [{"id": "e", "type": "html", "settings": {"html": markup}}]
            },
        },
    )
    html = get_html(rest_client, url, "manager")
    (code,) = design_document(html).cssselect("[data-widget-id=e] code")
    assert markup in code.text_content()
    # One script element, the block, whatever the widget holds.
    (canvas,) = lxml_html.fromstring(html).cssselect("[data-composite-canvas]")
    assert [script.get("type") for script in canvas.iter("script")] == [
        "application/json"
    ]


def test_other_layouts_come_as_templates_with_empty_slots(rest_client, url, arranged):
    root = root_of(get_page(rest_client, url))
    templates = {
        t.get("data-composite-layout-template"): t
        for t in root.cssselect("template[data-composite-layout-template]")
    }
    assert sorted(templates) == ["landing", "one-column", "three-columns"]
    html = lxml_html.tostring(templates["three-columns"], encoding="unicode")
    assert re.findall(r'data-composite-slot="([\w-]+)"', html) == [
        "left",
        "main",
        "right",
    ]
    assert "data-widget-id" not in html


def test_layout_switcher_shows_every_layout_with_a_miniature(
    rest_client, url, arranged
):
    root = root_of(get_page(rest_client, url))
    buttons = root.cssselect("[data-composite-switch-layout]")
    assert [b.get("data-composite-switch-layout") for b in buttons] == list(SHIPPED)
    assert [b.get("aria-pressed") for b in buttons] == [
        "false",
        "true",
        "false",
        "false",
    ]
    for button in buttons:
        (miniature,) = button.cssselect(".composite-miniature")
        assert miniature.get("aria-hidden") == "true"
        assert miniature.cssselect(".composite-design .composite-miniature__slot")


def test_layouts_data_lists_slots_with_constraints(rest_client, url):
    root = root_of(get_page(rest_client, url))
    layouts = {
        layout["name"]: layout
        for layout in json.loads(root.get("data-composite-layouts"))
    }
    assert layouts["landing"]["slots"][0] == {
        "name": "hero",
        "title": "Hero",
        "allowed": None,
        "max": 1,
    }


def test_palette_offers_only_types_the_user_may_add(rest_client, url):
    editor = root_of(get_page(rest_client, url, "editor"))
    manager = root_of(get_page(rest_client, url, "manager"))

    def palette(root):
        return [
            b.get("data-composite-add") for b in root.cssselect("[data-composite-add]")
        ]

    assert palette(editor) == ["content", "image", "listing", "text"]
    assert palette(manager) == ["content", "html", "image", "listing", "text"]
    types = json.loads(editor.get("data-composite-widget-types"))
    assert {
        "name": "text",
        "title": "Text",
        "icon": "text-paragraph",
        "restricted": "",
    } in types


def test_every_editor_message_is_passed_translated(rest_client, url):
    # The editor's bundle imports the same JSON (resources/test/messages.test.js).
    english = json.loads(MESSAGES_JSON.read_text(encoding="utf-8"))
    root = root_of(get_page(rest_client, url))
    messages = json.loads(root.get("data-composite-messages"))
    assert len(english) > 40
    assert list(messages) == list(english)
    assert messages == english
    assert messages["card.label"] == "{type}: {title}"


def test_keyboard_instructions_and_live_region_are_there(rest_client, url):
    root = root_of(get_page(rest_client, url))
    (instructions,) = root.cssselect("#composite-instructions")
    assert "Space or Enter" in instructions.text_content()
    (live,) = root.cssselect("[data-composite-live]")
    assert live.get("aria-live") == "polite"


def test_the_editor_bundle_loads_in_design_mode_only(rest_client, url, functional_page):
    response = rest_client("editor", auth="basic").get(url, headers=HTML)
    assert "++plone++collective.composite.editor/editor.js" in response.text
    assert "++plone++collective.composite.editor/editor.css" in response.text
    real = rest_client("editor", auth="basic").get(
        f"{functional_page.absolute_url()}/@@composite-view", headers=HTML
    )
    assert real.status_int == 200
    assert "collective.composite.editor" not in real.text


def test_opening_design_mode_never_writes(
    rest_client, url, functional_app, functional_page
):
    # Plone itself stores its portlets' settings the first time a fresh site
    # renders a page: render one first.
    rest_client("editor", auth="basic").get(
        functional_page.absolute_url(), headers=HTML
    )
    before = last_transaction(functional_app)
    get_page(rest_client, url)
    assert last_transaction(functional_app) == before
    transaction.begin()
    assert find(functional_page) is None


def test_the_site_root_can_be_designed(rest_client, functional_portal):
    assert ICompositeEnabled.providedBy(functional_portal)
    url = f"{functional_portal.absolute_url()}/@@composite-design"
    root = root_of(get_page(rest_client, url, "manager"))
    assert root.get("data-composite-exit-url") == functional_portal.absolute_url()
    assert root.cssselect("[data-composite-slot=main]")
