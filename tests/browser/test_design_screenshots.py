"""The screenshots of the editor guide (docs/editors.md), taken from the real
thing so the guide stays current: design mode, a card picked up with the
keyboard, the settings dialog, a refused drop, the conflict banner and the real
view. A test run writes them to the git-ignored test-results/screenshots;
``make screenshots`` writes them into docs/_static/screenshots."""

from browsing import login
from design_pages import button
from design_pages import card
from design_pages import drag_with_mouse
from design_pages import make_page
from design_pages import open_design
from design_pages import rich_text_body
from design_pages import ROOT
from design_pages import screenshot
from design_pages import screenshots_dir
from design_pages import settings_frame
from design_pages import slot
from design_pages import text
from page_fixtures import png
from pathlib import Path
from playwright.sync_api import expect
from plone import api
from plone.namedfile.file import NamedBlobImage

import pytest
import transaction


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def assert_picture(path: Path, min_size: int) -> None:
    """The screenshot was written, is a PNG and shows more than a blank area."""
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    assert path.stat().st_size > min_size


def rich(widget_id: str, heading: str, words: str) -> dict:
    return {
        "id": widget_id,
        "type": "text",
        "settings": {"text": f"<h2>{heading}</h2><p>{words}</p>"},
    }


@pytest.fixture
def landing(acceptance_portal):
    return make_page(
        acceptance_portal,
        {
            "layout": "landing",
            "slots": {
                "hero": [rich("hero", "Spring open day", "Come and see the workshop.")],
                "feature-1": [rich("f1", "Courses", "Evening classes for beginners.")],
                "feature-2": [rich("f2", "Tool library", "Borrow what you need.")],
                "feature-3": [rich("f3", "Opening hours", "Tuesday to Saturday.")],
                "main": [
                    rich("news", "News", "The new lathe has arrived."),
                    rich("team", "Meet the team", "Six volunteers and a cat."),
                ],
                "footer": [text("contact", "Contact and directions")],
            },
            "unplaced": [{**text("old", "Last year's programme"), "slot": "sidebar"}],
        },
        title="Community workshop",
    )


def test_screenshots_stay_out_of_the_docs_by_default(monkeypatch):
    monkeypatch.delenv("COMPOSITE_SCREENSHOTS_DIR", raising=False)
    assert screenshots_dir() == ROOT / "test-results" / "screenshots"


def test_screenshots_go_where_the_environment_says(monkeypatch):
    monkeypatch.setenv("COMPOSITE_SCREENSHOTS_DIR", "docs/_static/screenshots")
    assert screenshots_dir() == ROOT / "docs" / "_static" / "screenshots"


@pytest.fixture
def designer(page, site_manager, landing):
    login(page, *site_manager)
    open_design(page)
    return page


def test_screenshot_design_mode(designer):
    expect(card(designer, "Courses")).to_be_visible()
    path = screenshot(designer, "design-mode", full_page=True)
    assert_picture(path, 10_000)


def test_screenshot_keyboard_move(designer):
    card(designer, "Meet the team").focus()
    designer.keyboard.press("Space")
    designer.keyboard.press("ArrowUp")
    expect(card(designer, "Meet the team")).to_have_class(
        "composite-card composite-card--grabbed"
    )
    path = screenshot(slot(designer, "Main"), "keyboard-move")
    assert_picture(path, 1_000)


def test_screenshot_palette(designer):
    button(designer, "Add widget").click()
    expect(designer.locator("[data-composite-palette]")).to_be_visible()
    path = screenshot(designer, "palette")
    assert_picture(path, 10_000)


def test_screenshot_settings_dialog(designer):
    card(designer, "Opening hours").get_by_role(
        "button", name="Edit Opening hours"
    ).click()
    expect(rich_text_body(settings_frame(designer))).to_contain_text("Opening hours")
    path = screenshot(designer, "settings-dialog")
    assert_picture(path, 10_000)


def test_screenshot_image_dialog(designer, acceptance_portal):
    with api.env.adopt_roles(["Manager"]):
        picture = api.content.create(
            container=acceptance_portal, type="Image", id="lathe", title="The new lathe"
        )
        picture.image = NamedBlobImage(data=png(400, 300, "#4a7c8c"), filename="a.png")
        picture.reindexObject()
    transaction.commit()
    slot(designer, "Main").click()
    button(designer, "Add widget").click()
    button(designer, "Image").click()
    form = designer.get_by_role("dialog").frame_locator("iframe")
    form.get_by_role("button", name="Search").first.wait_for()
    form.get_by_role("textbox", name="Image", exact=True).click()
    designer.keyboard.type("lathe")
    expect(form.get_by_role("status").filter(has_text="One result")).to_be_visible()
    # The result's thumbnail, too.
    designer.wait_for_load_state("networkidle")
    path = screenshot(designer, "image-dialog")
    assert_picture(path, 10_000)


def test_screenshot_refused_drop(designer):
    hero = slot(designer, "Hero")
    drag_with_mouse(designer, card(designer, "Opening hours"), hero, release=False)
    expect(hero).to_have_class("composite-slot composite-slot--refused")
    path = screenshot(designer, "refused-drop")
    designer.mouse.up()
    assert_picture(path, 10_000)


def test_screenshot_real_view(page, landing):
    page.goto("page")
    expect(page.locator(".composite-slot-main")).to_contain_text("Six volunteers")
    path = screenshot(page, "real-view", full_page=True)
    assert_picture(path, 10_000)
