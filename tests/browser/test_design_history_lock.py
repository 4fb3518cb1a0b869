"""Design mode in Chromium: two editors and the design lock, restoring a
revision from the History panel, exporting a page and importing it into
another; screenshots of the lock banner and the History panel for the editor
guide (docs/editors.md)."""

from design_pages import button
from design_pages import card
from design_pages import design_as
from design_pages import drag_with_mouse
from design_pages import lock_banner
from design_pages import make_page
from design_pages import open_design
from design_pages import open_history_of_a_second_revision
from design_pages import real_ids
from design_pages import save
from design_pages import screenshot
from design_pages import slot
from design_pages import status
from design_pages import stored
from design_pages import take_over
from design_pages import text
from playwright.sync_api import expect
from playwright.sync_api import Page

import json
import pytest
import re


# jane, an Editor called Jane Doe: tests/browser/conftest.py.


@pytest.fixture
def other_page(second_page) -> Page:
    """Another editor's browser (conftest's ``second_page``)."""
    return second_page


def test_a_second_editor_sees_who_designs_the_page_and_can_take_over(
    page, other_page, site_manager, jane, composite
):
    design_as(page, jane)
    expect(lock_banner(page)).to_be_hidden()
    design_as(other_page, site_manager)
    banner = lock_banner(other_page)
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Jane Doe has been designing this page since")
    screenshot(banner, "lock-banner")
    # The second editor may try things out, but not save.
    card(other_page, "Beta").get_by_role("button", name="Remove Beta").click()
    expect(button(other_page, "Save")).to_be_disabled()
    take_over(other_page)
    expect(button(other_page, "Save")).to_be_enabled()
    save(other_page)
    assert stored(composite)["main"] == ["alpha"]
    # Jane's editor learns it at its next refresh of the lock (or sooner, at
    # its next check: see test_design_lock_takeover.py).
    page.evaluate(
        "() => document.querySelector('[data-composite-editor]')"
        ".compositeEditor.lock.take(false)"
    )
    expect(lock_banner(page)).to_contain_text("took over this page at")
    drag_with_mouse(page, card(page, "Alpha"), slot(page, "Sidebar"))
    expect(button(page, "Save")).to_be_disabled()


def test_leaving_design_mode_releases_the_lock(
    page, other_page, site_manager, jane, composite
):
    design_as(page, jane)
    button(page, "Cancel").click()
    expect(page).to_have_url(re.compile(r"/page$"))
    design_as(other_page, site_manager)
    other_page.evaluate(
        "() => document.querySelector('[data-composite-editor]')"
        ".compositeEditor.lock.ready"
    )
    expect(lock_banner(other_page)).to_be_hidden()


def test_restoring_a_revision_from_the_history_panel(page, site_manager, composite):
    panel = open_history_of_a_second_revision(page, site_manager, composite)
    rows = panel.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Revision 2")
    expect(rows.nth(0)).to_contain_text("Current")
    expect(rows.nth(1)).to_contain_text("Revision 1")
    screenshot(panel, "history-panel")
    panel.get_by_role("button", name="Restore revision 1").click()
    expect(status(page)).to_have_text(
        "Revision 1 is restored: it is the current arrangement now."
    )
    assert stored(composite)["main"] == ["alpha", "beta"]
    assert stored(composite)["sidebar"] == ["gamma"]
    page.goto("page")
    assert real_ids(page, "main") == ["alpha", "beta"]
    assert real_ids(page, "sidebar") == ["gamma"]


def test_restore_waits_for_unsaved_changes(page, site_manager, composite):
    panel = open_history_of_a_second_revision(page, site_manager, composite)
    restore = panel.get_by_role("button", name="Restore revision 1")
    expect(restore).to_be_enabled()
    card(page, "Beta").get_by_role("button", name="Remove Beta").click()
    expect(restore).to_be_disabled()
    expect(panel).to_contain_text("Save or discard your changes first")
    expect(page.get_by_label("Import a file")).to_be_disabled()


def test_exporting_a_page_and_importing_it_into_another(
    page, site_manager, composite, acceptance_portal, tmp_path
):
    other = make_page(
        acceptance_portal,
        {"layout": "one-column", "slots": {"main": [text("solo", "Solo")]}},
        id_="other",
        title="Other page",
    )
    design_as(page, site_manager)
    with page.expect_download() as download:
        page.get_by_role("link", name="Export").click()
    assert download.value.suggested_filename == "page-arrangement.json"
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert json.loads(exported.read_text())["layout"] == "two-columns"

    open_design(page, "other")
    page.get_by_label("Import a file").set_input_files(exported)
    expect(status(page)).to_have_text(
        "The arrangement of page-arrangement.json is imported."
    )
    assert stored(other) == {
        "layout": "two-columns",
        "main": ["alpha", "beta"],
        "sidebar": ["gamma"],
        "unplaced": [],
    }
    page.goto("other")
    assert real_ids(page, "main") == ["alpha", "beta"]


def test_an_import_the_server_refuses_says_why(page, site_manager, composite, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"layout": "nowhere", "slots": {}}))
    design_as(page, site_manager)
    page.get_by_label("Import a file").set_input_files(bad)
    expect(status(page)).to_contain_text("Importing bad.json failed:")
    expect(status(page)).to_contain_text("nowhere")
    assert stored(composite)["layout"] == "two-columns"
