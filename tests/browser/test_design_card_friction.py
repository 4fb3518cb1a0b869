"""Design mode in an editor's real session (issue 11): empty slots are targets
by mouse and keyboard, a cancelled new widget is not added, duplicates and
undo/redo are named, a layout switch says only what happened, the history
names layouts by title, HTML cards stay inside their slot, and an empty page
offers the way into design mode. As an Editor, by accessible names."""

from browsing import login
from design_pages import add_user
from design_pages import button
from design_pages import card
from design_pages import card_ids
from design_pages import design_as
from design_pages import live
from design_pages import make_page
from design_pages import real_ids
from design_pages import rich_text_body
from design_pages import save
from design_pages import settings_frame
from design_pages import slot
from design_pages import stored
from design_pages import text
from design_pages import two_columns
from playwright.sync_api import expect
from playwright.sync_api import Page

import pytest


EDITOR = ("Erika", "a password nobody guesses")
LONG_CODE = '<iframe src="https://maps.example.org/embed?' + "x" * 300 + '"></iframe>'


@pytest.fixture
def editor(acceptance_portal) -> tuple[str, str]:
    """A user with the Editor role and no other."""
    add_user(acceptance_portal, *EDITOR, ["Editor"])
    return EDITOR


@pytest.fixture
def composite(acceptance_portal):
    """A two-column page: Alpha and Beta in the main slot, the sidebar empty."""
    return two_columns(
        acceptance_portal, main=[text("alpha", "Alpha"), text("beta", "Beta")]
    )


@pytest.fixture
def designer(page, editor, composite) -> Page:
    design_as(page, editor)
    return page


def palette_button(page: Page, name: str):
    return page.locator("[data-composite-palette]").get_by_role(
        "button", name=name, exact=True
    )


def apply_text(page: Page, words: str) -> None:
    """Type ``words`` into the open settings dialog of a text widget and apply."""
    form = settings_frame(page)
    editable = rich_text_body(form)
    editable.click()
    page.keyboard.type(words)
    form.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_a_widget_added_after_clicking_the_empty_sidebar_is_stored_there(
    designer, composite
):
    slot(designer, "Sidebar").click()
    expect(slot(designer, "Sidebar")).to_be_focused()
    button(designer, "Add widget").click()
    expect(designer.get_by_text("New widgets go to Sidebar.")).to_be_visible()
    palette_button(designer, "Text").click()
    apply_text(designer, "Opening hours")
    expect(slot(designer, "Sidebar")).to_contain_text("Opening hours")
    save(designer)
    state = stored(composite)
    assert state["main"] == ["alpha", "beta"]
    assert len(state["sidebar"]) == 1
    designer.goto("page")
    assert real_ids(designer, "sidebar") == state["sidebar"]


def test_the_empty_sidebar_is_reached_with_tab_and_takes_the_new_widget(
    designer, composite
):
    card(designer, "Beta").focus()
    # Beta's Edit, Duplicate and Remove come first, then the empty sidebar.
    for _ in range(4):
        designer.keyboard.press("Tab")
    expect(slot(designer, "Sidebar")).to_be_focused()
    button(designer, "Add widget").press("Enter")
    palette_button(designer, "Text").press("Enter")
    apply_text(designer, "Typed by keyboard")
    assert card_ids(designer, "Main") == ["alpha", "beta"]
    expect(slot(designer, "Sidebar")).to_contain_text("Typed by keyboard")
    save(designer)
    assert len(stored(composite)["sidebar"]) == 1


def test_a_cancelled_new_widget_is_not_added_and_leaves_nothing_to_redo(
    designer, composite
):
    before = stored(composite)
    slot(designer, "Sidebar").click()
    button(designer, "Add widget").click()
    palette_button(designer, "Text").click()
    dialog = designer.get_by_role("dialog")
    dialog.get_by_role("button", name="Close without applying").click()
    expect(dialog).to_have_count(0)
    expect(live(designer)).to_have_text("Text not added.")
    expect(slot(designer, "Sidebar").locator("[data-widget-id]")).to_have_count(0)
    expect(button(designer, "Redo")).to_be_disabled()
    expect(button(designer, "Undo")).to_be_disabled()
    expect(button(designer, "Save")).to_be_disabled()
    assert stored(composite) == before


def test_undo_and_redo_say_what_they_took_back_and_made_again(designer, composite):
    card(designer, "Beta").get_by_role("button", name="Remove Beta").click()
    button(designer, "Undo").click()
    expect(live(designer)).to_have_text("Undone: removing Beta.")
    button(designer, "Redo").click()
    expect(live(designer)).to_have_text("Redone: removing Beta.")
    save(designer)
    assert stored(composite)["main"] == ["alpha"]


def test_a_duplicate_has_a_name_of_its_own(designer, composite):
    card(designer, "Alpha").get_by_role("button", name="Duplicate Alpha").click()
    copy = card(designer, "Alpha (2)")
    expect(copy).to_be_focused()
    expect(card(designer, "Alpha")).to_have_count(1)
    copy.get_by_role("button", name="Remove Alpha (2)").click()
    expect(card(designer, "Alpha (2)")).to_have_count(0)
    expect(button(designer, "Save")).to_be_disabled()
    assert stored(composite)["main"] == ["alpha", "beta"]


def test_switching_layout_with_nothing_to_move_says_only_the_layout(
    designer, composite
):
    designer.get_by_role("button", name="One column").click()
    expect(live(designer)).to_have_text("Layout changed to One column.")
    save(designer)
    assert stored(composite)["layout"] == "one-column"


def test_the_history_names_a_new_layout_by_its_title(designer, composite):
    designer.get_by_role("button", name="One column").click()
    save(designer)
    button(designer, "History").click()
    history = designer.get_by_role("region", name="History")
    expect(history.get_by_role("row", name="Revision 2")).to_contain_text(
        "Layout: One column"
    )


def test_an_html_card_with_a_long_line_stays_inside_its_slot(
    page, editor, acceptance_portal
):
    two_columns(
        acceptance_portal,
        sidebar=[{"id": "map", "type": "html", "settings": {"html": LONG_CODE}}],
    )
    design_as(page, editor)
    sidebar = slot(page, "Sidebar")
    embed = sidebar.get_by_role("group")
    expect(embed).to_contain_text("maps.example.org")
    outer = sidebar.bounding_box()
    inner = embed.bounding_box()
    assert inner["x"] + inner["width"] <= outer["x"] + outer["width"]


def test_an_empty_page_offers_an_editor_the_way_into_design_mode(
    page, editor, acceptance_portal
):
    make_page(acceptance_portal, {"layout": "one-column", "slots": {}})
    login(page, *editor)
    page.goto("page")
    page.get_by_role("link", name="Design this page").click()
    expect(button(page, "Add widget")).to_be_visible()
    expect(slot(page, "Main")).to_be_visible()


def test_an_empty_page_offers_a_visitor_nothing(page, acceptance_portal):
    make_page(acceptance_portal, {"layout": "one-column", "slots": {}})
    page.goto("page")
    expect(page.get_by_role("heading", name="Our page")).to_be_visible()
    expect(page.get_by_role("link", name="Design this page")).to_have_count(0)
