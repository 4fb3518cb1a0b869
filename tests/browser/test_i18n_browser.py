"""Editors whose site speaks German or Japanese design a page in their language.

Jane, an Editor, designs a page of a site whose language is German (or
Japanese): the choices of the settings dialogs read in that language too, not
as Plone's internal names.
"""

from browsing import login
from collective.composite import arrangement
from collective.composite.interfaces import MIN_PAYLOAD_BYTES
from design_pages import as_visitor
from design_pages import settings_frame
from design_pages import stored
from design_pages import two_columns
from page_fixtures import make_image
from playwright.sync_api import expect
from plone import api

import pytest
import re
import transaction


# What Jane reads in each language: the dialog's and the toolbar's words, and
# the image sizes, the one she chooses last.
LANGUAGES = {
    "de": {
        "edit": "Workshop photo bearbeiten",
        "size": "Größe",
        "apply": "Übernehmen",
        "save": "Speichern",
        "saved": "Gespeichert.",
        "sizes": ["Groß (800 Pixel breit)", "Miniaturbild (128 × 128 Pixel)"],
        "chosen": "Vorschau (400 Pixel breit)",
    },
    "ja": {
        "edit": "Workshop photo を編集",
        "size": "サイズ",
        "apply": "適用",
        "save": "保存",
        "saved": "保存しました。",
        "sizes": ["大（幅 800 ピクセル）", "サムネイル（128 × 128 ピクセル）"],
        "chosen": "プレビュー（幅 400 ピクセル）",
    },
}


def speak(portal, language: str) -> None:
    """The site's language is ``language`` (request negotiation stays off)."""
    api.portal.set_registry_record("plone.available_languages", [language])
    api.portal.set_registry_record("plone.default_language", language)
    transaction.commit()


@pytest.fixture
def image_page(acceptance_portal):
    """A two-column page showing the image Workshop photo at the large scale."""
    with api.env.adopt_roles(["Manager"]):
        image = make_image(acceptance_portal, "workshop", "Workshop photo")
    transaction.commit()
    widget = {
        "id": "photo",
        "type": "image",
        "settings": {"uid": image.UID(), "scale": "large"},
    }
    return two_columns(acceptance_portal, main=[widget])


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_image_sizes_read_in_the_site_language(
    page, visitor, jane, image_page, acceptance_portal, language
):
    words = LANGUAGES[language]
    # Plone's login form speaks the language too: log in first.
    login(page, *jane)
    speak(acceptance_portal, language)
    page.goto("page/@@composite-design")
    page.get_by_role("button", name=words["edit"]).click()
    form = settings_frame(page)
    size = form.get_by_role("combobox", name=words["size"])
    expect(size).to_be_visible()
    sizes = size.get_by_role("option").all_inner_texts()
    for expected in [*words["sizes"], words["chosen"]]:
        assert expected in sizes
    # Plone's names and bounds ("large 800x65536") are no words for editors.
    assert not [text for text in sizes if re.search(r"\d+x\d+|65536", text)]
    size.select_option(label=words["chosen"])
    form.get_by_role("button", name=words["apply"], exact=True).click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.locator("[data-composite-status]")).to_have_text(words["saved"])

    transaction.begin()
    (photo,) = arrangement.get(image_page).slots["main"]
    assert photo.settings["scale"] == "preview"
    as_visitor(visitor)
    expect(visitor.get_by_role("img", name="Workshop photo")).to_be_visible()


def test_a_save_over_the_size_limit_says_why_in_german(
    page, visitor, jane, composite, acceptance_portal
):
    login(page, *jane)
    speak(acceptance_portal, "de")
    # The smallest limit a site may set (64 KiB), and a Beta longer than it:
    # every save is refused with 413, the limit written the German way.
    api.portal.set_registry_record(
        "collective.composite.max_payload_bytes", MIN_PAYLOAD_BYTES
    )
    with api.env.adopt_roles(["Manager"]):
        long_beta = "<p>Beta</p>" + "<p>Beta beta beta beta</p>" * 3000
        arrangement.update_widget(composite, "beta", {"text": long_beta})
    transaction.commit()
    page.goto("page/@@composite-design")
    page.get_by_role("button", name="Alpha entfernen").click()
    page.get_by_role("button", name="Speichern", exact=True).click()
    expect(page.locator("[data-composite-status]")).to_have_text(
        "Die Anordnung ist zu groß zum Speichern: Der Anfrageinhalt ist größer als "
        "65.536 Bytes. Ihre Änderungen bleiben erhalten; entfernen Sie einige "
        "Widgets oder kürzen Sie lange Texte, dann speichern Sie erneut."
    )

    assert stored(composite)["main"] == ["alpha", "beta"]
    as_visitor(visitor)
    expect(visitor.get_by_text("Alpha", exact=True)).to_be_visible()


@pytest.mark.parametrize(("language", "handle_side"), [("en", "left"), ("he", "right")])
def test_cards_mirror_on_a_right_to_left_page(
    page, jane, composite, acceptance_portal, language, handle_side
):
    # Hebrew is not shipped: the texts stay English, the page turns right to left.
    login(page, *jane)
    speak(acceptance_portal, language)
    page.goto("page/@@composite-design")
    alpha = page.get_by_role("group", name="Text: Alpha", exact=True)
    expect(alpha).to_be_visible()
    handle = alpha.locator(".composite-card__handle").bounding_box()
    title = alpha.get_by_text("Alpha", exact=True).bounding_box()
    # The drag handle is at the card's start: left of the title in English,
    # right of it in Hebrew.
    assert (handle["x"] < title["x"]) == (handle_side == "left")
    page.get_by_role("button", name="History").click()
    history = page.get_by_role("region", name="History")
    header = history.get_by_role("columnheader", name="Revision")
    expect(header).to_have_css("text-align", "start")
