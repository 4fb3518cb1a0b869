"""The settings dialog in Chromium, as a user with only the Editor role: every
widget type's form opens (listing included), Escape closes it from within the
form, search results are picked anywhere on them, images are uploaded in it,
HTML widgets are offered only as far as the user may change them, and the
dialog sits over the whole page."""

from accessibility import serious_violations
from collective.composite import arrangement
from collective.composite.design.uploads import UPLOAD_FOLDER_RECORD
from design_pages import add_user
from design_pages import button
from design_pages import card_ids
from design_pages import design_as
from design_pages import rich_text_body
from design_pages import save
from design_pages import settings_frame
from design_pages import text
from design_pages import two_columns
from design_pages import types_query
from page_fixtures import make_image
from page_fixtures import png
from playwright.sync_api import expect
from plone import api

import pytest
import transaction


EDITOR = ("ed", "a secret nobody guesses")
QUERY = types_query("Document")


@pytest.fixture
def composite(acceptance_portal):
    add_user(acceptance_portal, *EDITOR, ["Editor"])
    with api.env.adopt_roles(["Manager"]):
        make_image(acceptance_portal)
        api.content.create(
            container=acceptance_portal,
            type="Collection",
            id="news",
            title="Newsworthy items",
            query=QUERY,
        )
    return two_columns(
        acceptance_portal,
        main=[
            text("alpha", "Alpha"),
            {
                "id": "list",
                "type": "listing",
                "settings": {"title": "Old heading", "query": QUERY},
            },
        ],
        sidebar=[{"id": "embed", "type": "html", "settings": {"html": "<p>Map</p>"}}],
    )


@pytest.fixture
def editor(page, composite):
    design_as(page, EDITOR)
    return page


def settings_of(page):
    """The open dialog and the form in its frame, once shown."""
    dialog = page.get_by_role("dialog")
    form = settings_frame(page)
    expect(form.get_by_role("button", name="Apply")).to_be_visible()
    return dialog, form


def picker(form, name: str):
    """The search box of an item picker (Plone's related items), once it runs."""
    expect(form.get_by_role("button", name="Browse").first).to_be_visible()
    return form.get_by_role("textbox", name=name)


def add(page, type_title: str):
    button(page, "Add widget").click()
    page.locator("[data-composite-palette]").get_by_role(
        "button", name=type_title
    ).click()
    return settings_of(page)


def widgets(composite) -> dict:
    """The stored widgets by id, as the server committed them."""
    transaction.begin()
    return {w.id: w for w in arrangement.get(composite).widgets}


def new_widget(composite, type_name: str):
    (widget,) = [
        w
        for w in widgets(composite).values()
        if w.type == type_name and w.id not in {"alpha", "list", "embed"}
    ]
    return widget


# --- item 1: listing settings open, by Add widget and by Edit -----------------


def test_a_listing_is_added_with_a_collection_picked_by_enter(editor, composite):
    dialog, form = add(editor, "Listing")
    form.get_by_label("Heading").fill("From the collection")
    picker(form, "Collection").click()
    editor.keyboard.type("Newsworthy")
    expect(form.get_by_role("option", name="Newsworthy items")).to_be_visible()
    editor.keyboard.press("Enter")
    form.get_by_role("button", name="Apply").click()
    expect(dialog).to_have_count(0)
    save(editor)
    listing = new_widget(composite, "listing")
    assert listing.settings["title"] == "From the collection"
    assert listing.settings["collection"] == api.content.get(path="/news").UID()


def test_an_existing_listing_is_edited(editor, composite):
    editor.get_by_role("button", name="Edit Old heading").click()
    dialog, form = settings_of(editor)
    expect(form.get_by_label("Heading")).to_have_value("Old heading")
    form.get_by_label("Heading").fill("New heading")
    form.get_by_label("Number of items").fill("3")
    form.get_by_role("button", name="Apply").click()
    expect(dialog).to_have_count(0)
    save(editor)
    settings = widgets(composite)["list"].settings
    assert settings["title"] == "New heading"
    assert settings["limit"] == 3
    assert settings["query"] == QUERY


# --- item 4: Escape closes the dialog from within the form --------------------


def test_escape_in_a_field_closes_the_settings_without_applying(editor, composite):
    editor.get_by_role("button", name="Edit Old heading").click()
    dialog, form = settings_of(editor)
    form.get_by_label("Heading").fill("Not applied")
    form.get_by_label("Heading").press("Escape")
    expect(dialog).to_have_count(0)
    expect(editor.get_by_role("button", name="Edit Old heading")).to_be_visible()
    assert not editor.evaluate(
        "document.querySelector('[data-composite-editor]').compositeEditor.state.dirty"
    )
    assert widgets(composite)["list"].settings["title"] == "Old heading"


def test_escape_right_after_opening_takes_a_new_widget_away(editor, composite):
    dialog, form = add(editor, "Text")
    editor.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert card_ids(editor, "Main") == ["alpha", "list"]


def test_escape_in_the_rich_text_editor_closes_the_settings(editor):
    editor.get_by_role("button", name="Edit Alpha").click()
    dialog, form = settings_of(editor)
    editable = rich_text_body(form)
    expect(editable).to_contain_text("Alpha")
    editable.click()
    editor.keyboard.press("Escape")
    expect(dialog).to_have_count(0)


# --- search results are picked anywhere on them ---------------------------------


@pytest.mark.parametrize("how", ["click beside the title", "enter"])
def test_an_image_search_result_is_picked_anywhere(editor, composite, how):
    dialog, form = add(editor, "Image")
    picker(form, "Image").click()
    editor.keyboard.type("teal")
    result = form.get_by_role("option", name="A teal picture")
    expect(result).to_be_visible()
    if how == "enter":
        editor.keyboard.press("Enter")
    else:
        box = result.bounding_box()
        result.click(position={"x": box["width"] * 0.6, "y": box["height"] - 4})
    form.get_by_role("button", name="Apply").click()
    expect(dialog).to_have_count(0)
    save(editor)
    picture = api.content.get(path="/picture")
    assert new_widget(composite, "image").settings["uid"] == picture.UID()


# --- no "Please fill out this field." before Apply ------------------------------


def test_a_missing_image_is_reported_only_after_apply(editor, composite):
    dialog, form = add(editor, "Image")
    expect(form.get_by_label("Alternative text", exact=True)).to_be_visible()
    expect(form.get_by_text("Please fill out this field.")).to_have_count(0)
    expect(form.get_by_text("Required input is missing.")).to_have_count(0)
    form.get_by_role("button", name="Apply").click()
    expect(form.get_by_text("Required input is missing.")).to_be_visible()
    expect(dialog).to_be_visible()


# --- uploading an image ------------------------------------------------------------


@pytest.fixture
def media(acceptance_portal):
    """The configured upload folder, where the Editor may add content."""
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=acceptance_portal, type="Folder", id="media", title="Media"
        )
    folder.manage_setLocalRoles(EDITOR[0], ["Contributor"])
    api.portal.set_registry_record(UPLOAD_FOLDER_RECORD, "/media")
    transaction.commit()
    return folder


def images_in(folder) -> list:
    transaction.begin()
    return [obj for obj in folder.objectValues() if obj.portal_type == "Image"]


def test_an_uploaded_image_is_stored_in_the_upload_folder_and_shown(
    editor, composite, media
):
    dialog, form = add(editor, "Image")
    expect(form.get_by_text("It is stored as an image in Media")).to_be_visible()
    form.get_by_label("Or upload a new image").set_input_files(
        files=[{"name": "harbour.png", "mimeType": "image/png", "buffer": png()}]
    )
    form.get_by_label("Alternative text", exact=True).fill("The harbour at dawn")
    form.get_by_role("button", name="Apply").click()
    expect(dialog).to_have_count(0)
    save(editor)
    (image,) = images_in(media)
    assert image.image.data == png()
    assert new_widget(composite, "image").settings["uid"] == image.UID()
    editor.goto("page")
    expect(editor.get_by_role("img", name="The harbour at dawn")).to_be_visible()


def test_an_upload_without_the_add_permission_is_refused(
    editor, composite, acceptance_portal
):
    dialog, form = add(editor, "Image")
    form.get_by_label("Or upload a new image").set_input_files(
        files=[{"name": "harbour.png", "mimeType": "image/png", "buffer": png()}]
    )
    form.get_by_role("button", name="Apply").click()
    expect(form.get_by_text("You may not add images to Plone site.")).to_be_visible()
    expect(dialog).to_be_visible()
    assert [i.getId() for i in images_in(acceptance_portal)] == ["picture"]


# --- item 6: HTML widgets for an Editor without the HTML permission --------------


def test_an_editor_is_told_why_an_html_widget_cannot_be_edited(editor, composite):
    embed = editor.get_by_role("group", name="HTML embed: Map")
    expect(embed).to_contain_text(
        "Only these roles may edit or duplicate HTML embed widgets: Manager, "
        "Site Administrator."
    )
    expect(embed.get_by_role("button", name="Edit Map")).to_have_count(0)
    expect(embed.get_by_role("button", name="Duplicate Map")).to_have_count(0)
    button(editor, "Add widget").click()
    palette = editor.locator("[data-composite-palette]")
    expect(palette.get_by_role("button", name="Text")).to_be_visible()
    expect(palette.get_by_role("button", name="HTML embed")).to_have_count(0)


def test_an_editor_may_still_remove_an_html_widget(editor, composite):
    editor.get_by_role("button", name="Remove Map").click()
    save(editor)
    assert "embed" not in widgets(composite)


# --- the dialog over the whole page ---------------------------------------------


def test_the_form_uses_the_whole_dialog_and_covers_the_toolbar(editor):
    editor.get_by_role("button", name="Edit Alpha").click()
    dialog, form = settings_of(editor)
    heading = form.get_by_role("heading", name="Settings of the Text widget")
    frame_box = editor.locator(".composite-settings__frame").bounding_box()
    assert heading.bounding_box()["x"] - frame_box["x"] < 40
    assert form.locator("html").evaluate("html => html.scrollWidth <= html.clientWidth")
    # Plone's toolbar is behind the dialog's backdrop, dimmed with the page.
    toolbar_link = editor.get_by_role("link", name="Contents")
    box = toolbar_link.bounding_box()
    covered = editor.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('[role=dialog]')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert covered


def test_the_image_dialog_and_restricted_cards_pass_axe(editor):
    assert serious_violations(editor) == []
    dialog, form = add(editor, "Image")
    assert serious_violations(editor, ".composite-settings") == []
    (frame,) = [f for f in editor.frames if "composite-widget-settings" in f.url]
    assert serious_violations(frame) == []
