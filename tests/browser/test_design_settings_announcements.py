"""What a screen-reader user hears when the settings dialog of a widget closes
without changing it, as an Editor: applying the settings as they were, and
closing the dialog with Escape or its close button."""

from design_pages import as_visitor
from design_pages import button
from design_pages import card
from design_pages import live
from design_pages import real_ids
from design_pages import settings_form
from design_pages import stored
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest


def open_settings(page: Page, title: str):
    card(page, title).get_by_role("button", name=f"Edit {title}").click()
    return settings_form(page)


def test_applying_unchanged_settings_says_nothing_changed_and_records_no_step(
    designer, composite
):
    form = open_settings(designer, "Alpha")
    form.get_by_role("button", name="Apply", exact=True).click()
    expect(designer.get_by_role("dialog")).to_have_count(0)
    expect(live(designer)).to_have_text("Nothing changed in Alpha.")
    expect(card(designer, "Alpha")).to_be_focused()
    expect(button(designer, "Undo")).to_be_disabled()
    expect(button(designer, "Save")).to_be_disabled()
    assert stored(composite)["main"] == ["alpha", "beta"]
    as_visitor(designer)
    assert real_ids(designer, "main") == ["alpha", "beta"]


@pytest.mark.parametrize("close", ["Escape", "Close without applying"])
def test_closing_the_settings_says_nothing_changed(designer, close):
    open_settings(designer, "Beta")
    if close == "Escape":
        designer.keyboard.press("Escape")
    else:
        designer.get_by_role("dialog").get_by_role("button", name=close).click()
    expect(designer.get_by_role("dialog")).to_have_count(0)
    expect(live(designer)).to_have_text("Settings of Beta closed; nothing changed.")
    expect(card(designer, "Beta")).to_be_focused()
    expect(button(designer, "Save")).to_be_disabled()
