"""Every shipped widget type, end to end, as the people who use it.

One journey per widget type the add-on registers: log in with only the Editor
role (a Site Administrator for the HTML embed, which Editors may not add), open
design mode of a two-column page, add the widget to the sidebar from the
palette with the keyboard, fill its settings in the dialog by their labels,
apply, check the card, edit it again and change a setting, apply, save, reload
design mode, then check the stored arrangement on the server and the visitor's
real page.

The journeys are parametrized over the widget types the add-on's ZCML
registers, checked against the live widget-type registry: a newly shipped type
without an entry in ``JOURNEYS`` fails the suite.
"""

from collections.abc import Callable
from collective.composite import arrangement
from collective.composite.widgets.types import get_widget_type
from collective.composite.widgets.types import get_widget_types
from dataclasses import dataclass
from design_pages import add_user
from design_pages import apply
from design_pages import as_visitor
from design_pages import button
from design_pages import design_as
from design_pages import Library
from design_pages import make_library
from design_pages import open_design
from design_pages import pick
from design_pages import real_ids
from design_pages import save
from design_pages import settings_form
from design_pages import shipped_widget_types
from design_pages import text
from design_pages import two_columns
from design_pages import types_query
from page_fixtures import png
from playwright.sync_api import expect
from playwright.sync_api import FrameLocator
from playwright.sync_api import Locator
from playwright.sync_api import Page
from plone import api

import pytest
import transaction


PASSWORD = "journey-secret"
EMBED = '<p><a href="https://www.example.org/map">{}</a></p>'


@pytest.fixture
def library(acceptance_portal) -> Library:
    """The content the journeys pick in the dialogs: the collection All the
    pages finds the documents."""
    return make_library(
        acceptance_portal,
        "all-pages",
        "All the pages",
        ["Document"],
        description="When the workshop is open.",
    )


def alpha_and_gamma(container):
    """Alpha in the main slot, Gamma in the sidebar: the page of the journeys."""
    return two_columns(
        container, main=[text("alpha", "Alpha")], sidebar=[text("gamma", "Gamma")]
    )


@pytest.fixture
def composite(acceptance_portal, library):
    """Alpha in the main slot, Gamma in the sidebar."""
    return alpha_and_gamma(acceptance_portal)


# --- the settings dialog, by labels --------------------------------------------


def rich_text(form: FrameLocator) -> Locator:
    """The editable area of Plone's rich-text editor (TinyMCE's "application"
    holds it in a frame without a name)."""
    frame = form.get_by_role("application").locator("iframe").content_frame
    return frame.get_by_label("Rich Text Area")


# --- per type: filling and changing the settings ------------------------------


@dataclass(frozen=True)
class Journey:
    """How a journey handles one widget type.

    :param fill: fills the settings of the new widget in the form.
    :param title: the card's title once applied.
    :param change: changes a setting when the widget is edited again.
    :param changed_title: the card's title after the change.
    :param changed: shows the changed setting, in the reopened form.
    :param stored: the settings expected on the server, from the library.
    :param shows: what the visitor sees in the sidebar.
    :param role: who designs: Editors, unless the type needs more.
    """

    fill: Callable[[Page, FrameLocator], None]
    title: str
    change: Callable[[Page, FrameLocator], None]
    changed_title: str
    changed: Callable[[FrameLocator], None]
    stored: Callable[[Library], dict]
    shows: Callable[[Locator], None]
    role: str = "Editor"


def fill_text(page, form):
    body = rich_text(form)
    body.click()
    page.keyboard.type("Open on Sundays")


def change_text(page, form):
    body = rich_text(form)
    expect(body).to_contain_text("Open on Sundays")
    body.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Closed on Mondays")


def fill_html(page, form):
    form.get_by_label("HTML").fill(EMBED.format("Map of the workshop"))


def change_html(page, form):
    markup = form.get_by_label("HTML")
    expect(markup).to_have_value(EMBED.format("Map of the workshop"))
    markup.fill(EMBED.format("Map and directions"))


def fill_image(page, form):
    pick(page, form, "Image", "Workshop photo")
    # The options say the scale in words, with its size.
    form.get_by_label("Size").select_option(label="Preview (400 pixels wide)")
    form.get_by_label("Alternative text", exact=True).fill("A lathe in the workshop")
    form.get_by_label("Caption").fill("Our new lathe")


def change_image(page, form):
    alt = form.get_by_label("Alternative text", exact=True)
    expect(alt).to_have_value("A lathe in the workshop")
    alt.fill("The new lathe, installed")


def fill_content(page, form):
    pick(page, form, "Content item", "Opening hours")
    form.get_by_label("Display").select_option(label="Title as a link")


def change_content(page, form):
    display = form.get_by_label("Display")
    expect(display).to_have_value("title")
    display.select_option(label="Summary card with lead image")


def fill_listing(page, form):
    form.get_by_label("Heading").fill("Latest pages")
    pick(page, form, "Collection", "All the pages")
    form.get_by_label("Number of items").fill("3")
    form.get_by_label("Display").select_option(label="Titles")


def change_listing(page, form):
    heading = form.get_by_label("Heading")
    expect(heading).to_have_value("Latest pages")
    heading.fill("What is new")


def shows_text(sidebar):
    expect(sidebar).to_contain_text("Closed on Mondays")


def shows_html(sidebar):
    link = sidebar.get_by_role("link", name="Map and directions")
    expect(link).to_have_attribute("href", "https://www.example.org/map")


def shows_image(sidebar):
    expect(sidebar.get_by_role("img", name="The new lathe, installed")).to_be_visible()
    expect(sidebar).to_contain_text("Our new lathe")


def shows_content(sidebar):
    # The summary card, not the title alone: the changed display.
    expect(sidebar.get_by_role("heading", name="Opening hours")).to_be_visible()
    expect(sidebar).to_contain_text("When the workshop is open.")


def shows_listing(sidebar):
    expect(sidebar.get_by_role("heading", name="What is new")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Opening hours")).to_be_visible()


JOURNEYS: dict[str, Journey] = {
    "text": Journey(
        fill=fill_text,
        title="Open on Sundays",
        change=change_text,
        changed_title="Closed on Mondays",
        changed=lambda form: expect(rich_text(form)).to_have_text("Closed on Mondays"),
        stored=lambda library: {"text": "<p>Closed on Mondays</p>"},
        shows=shows_text,
    ),
    "html": Journey(
        fill=fill_html,
        title="Map of the workshop",
        change=change_html,
        changed_title="Map and directions",
        changed=lambda form: expect(form.get_by_label("HTML")).to_have_value(
            EMBED.format("Map and directions")
        ),
        stored=lambda library: {"html": EMBED.format("Map and directions")},
        shows=shows_html,
        role="Site Administrator",
    ),
    "image": Journey(
        fill=fill_image,
        title="Workshop photo",
        change=change_image,
        changed_title="Workshop photo",
        changed=lambda form: expect(
            form.get_by_label("Alternative text", exact=True)
        ).to_have_value("The new lathe, installed"),
        stored=lambda library: {
            "uid": library.image.UID(),
            "scale": "preview",
            "alt": "The new lathe, installed",
            "caption": "Our new lathe",
        },
        shows=shows_image,
    ),
    "content": Journey(
        fill=fill_content,
        title="Opening hours",
        change=change_content,
        changed_title="Opening hours",
        changed=lambda form: expect(form.get_by_label("Display")).to_have_value(
            "summary"
        ),
        stored=lambda library: {"uid": library.document.UID(), "display": "summary"},
        shows=shows_content,
    ),
    "listing": Journey(
        fill=fill_listing,
        title="Latest pages",
        change=change_listing,
        changed_title="What is new",
        changed=lambda form: expect(form.get_by_label("Heading")).to_have_value(
            "What is new"
        ),
        stored=lambda library: {
            "title": "What is new",
            "collection": library.collection.UID(),
            "limit": 3,
            "display": "titles",
        },
        shows=shows_listing,
    ),
}


def test_the_journeys_cover_the_registered_widget_types(acceptance_portal):
    registered = sorted(widget_type.name for widget_type in get_widget_types())
    assert registered == sorted(shipped_widget_types())
    assert sorted(JOURNEYS) == registered


# --- the journey ---------------------------------------------------------------


def accessible_name(type_name: str, title: str) -> str:
    """A card's accessible name: "<type title>: <widget title>"."""
    return f"{get_widget_type(type_name).title}: {title}"


def card_named(page: Page, type_name: str, title: str) -> Locator:
    return page.get_by_role("group", name=accessible_name(type_name, title), exact=True)


def sidebar_cards(page: Page) -> Locator:
    return page.get_by_role("region", name="Sidebar", exact=True).get_by_role("group")


def add_to_sidebar(page: Page, type_name: str) -> FrameLocator:
    """Tab into the sidebar (to its card Gamma), open the palette and pick the
    type with the keyboard."""
    page.get_by_role("group", name="Text: Gamma", exact=True).focus()
    button(page, "Add widget").press("Enter")
    expect(page.get_by_text("New widgets go to Sidebar.")).to_be_visible()
    palette_button = page.get_by_role(
        "button", name=get_widget_type(type_name).title, exact=True
    )
    palette_button.focus()
    page.keyboard.press("Enter")
    return settings_form(page)


def new_widget(page):
    """The widget added after Gamma in the stored sidebar, as the server
    committed it; nothing else changed."""
    transaction.begin()
    state = arrangement.get(page)
    assert [w.id for w in state.slots["main"]] == ["alpha"]
    sidebar = state.slots["sidebar"]
    assert [w.id for w in sidebar][0] == "gamma"
    assert len(sidebar) == 2
    return sidebar[1]


@pytest.mark.parametrize("type_name", shipped_widget_types())
def test_journey(page, acceptance_portal, composite, library, type_name):
    journey = JOURNEYS.get(type_name)
    assert journey is not None, f"no journey for the shipped widget type {type_name!r}"
    user = f"journey-{type_name}"
    add_user(acceptance_portal, user, PASSWORD, [journey.role])
    design_as(page, (user, PASSWORD))

    form = add_to_sidebar(page, type_name)
    journey.fill(page, form)
    apply(page, form)
    added = card_named(page, type_name, journey.title)
    expect(added).to_be_focused()
    expect(sidebar_cards(page)).to_have_count(2)
    expect(sidebar_cards(page).nth(1)).to_have_accessible_name(
        accessible_name(type_name, journey.title)
    )

    added.get_by_role("button", name=f"Edit {journey.title}").click()
    form = settings_form(page)
    journey.change(page, form)
    apply(page, form)
    changed = card_named(page, type_name, journey.changed_title)
    expect(changed).to_be_focused()
    save(page)

    open_design(page)
    expect(sidebar_cards(page)).to_have_count(2)
    reloaded = sidebar_cards(page).nth(1)
    expect(reloaded).to_have_accessible_name(
        accessible_name(type_name, journey.changed_title)
    )
    reloaded.get_by_role("button", name=f"Edit {journey.changed_title}").click()
    journey.changed(settings_form(page))
    page.get_by_role("dialog").get_by_role(
        "button", name="Close without applying"
    ).click()
    expect(page.get_by_role("dialog")).to_have_count(0)

    widget = new_widget(composite)
    assert widget.type == type_name
    expected = journey.stored(library)
    assert {name: widget.settings.get(name) for name in expected} == expected

    # The visitor: nobody logged in.
    as_visitor(page)
    assert real_ids(page, "sidebar") == ["gamma", widget.id]
    journey.shows(page.locator(".composite-slot-sidebar"))
    expect(page.locator(".composite-slot-main")).not_to_contain_text(
        journey.changed_title
    )


def test_an_editor_is_offered_no_html_embed_to_add_edit_or_duplicate(
    page, acceptance_portal
):
    two_columns(
        acceptance_portal,
        main=[text("alpha", "Alpha")],
        sidebar=[
            {
                "id": "embed",
                "type": "html",
                "settings": {"html": "<p>Map of the workshop</p>"},
            }
        ],
    )
    add_user(acceptance_portal, "journey-editor", PASSWORD, ["Editor"])
    design_as(page, ("journey-editor", PASSWORD))
    embed = card_named(page, "html", "Map of the workshop")
    expect(
        embed.get_by_role("button", name="Remove Map of the workshop")
    ).to_be_visible()
    expect(embed.get_by_role("button")).to_have_count(1)
    # Why, with the roles that may (their titles depend on the site).
    expect(embed).to_contain_text("edit or duplicate HTML embed widgets")
    button(page, "Add widget").click()
    expect(button(page, "Text")).to_be_visible()
    expect(button(page, "HTML embed")).to_have_count(0)


def test_a_listing_keeps_its_query_through_the_settings_dialog(
    page, acceptance_portal, library
):
    query = types_query("Document")
    composite = two_columns(
        acceptance_portal,
        main=[text("alpha", "Alpha")],
        sidebar=[
            {
                "id": "pages",
                "type": "listing",
                "settings": {"title": "Pages", "query": query},
            }
        ],
    )
    add_user(acceptance_portal, "journey-editor", PASSWORD, ["Editor"])
    design_as(page, ("journey-editor", PASSWORD))
    card_named(page, "listing", "Pages").get_by_role(
        "button", name="Edit Pages"
    ).click()
    form = settings_form(page)
    # The query builder shows the stored criterion and previews its results.
    expect(form.get_by_role("button", name="Type", exact=True)).to_be_visible()
    expect(form.get_by_role("button", name="Matches any of")).to_be_visible()
    expect(form.get_by_role("link", name="Opening hours")).to_be_visible()
    form.get_by_label("Heading").fill("All pages")
    apply(page, form)
    expect(card_named(page, "listing", "All pages")).to_be_focused()
    save(page)

    transaction.begin()
    (widget,) = arrangement.get(composite).slots["sidebar"]
    assert widget.settings["title"] == "All pages"
    assert widget.settings["query"] == query
    as_visitor(page)
    sidebar = page.locator(".composite-slot-sidebar")
    expect(sidebar.get_by_role("heading", name="All pages")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Opening hours")).to_be_visible()


def test_journey_of_an_uploaded_image(page, acceptance_portal):
    """An Editor by a local role on the page's folder, who may also add content
    there (a Contributor: uploading stores a Plone Image), uploads the picture
    in the image dialog instead of choosing one."""
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=acceptance_portal, type="Folder", id="workshop", title="Workshop"
        )
    composite = alpha_and_gamma(folder)
    add_user(acceptance_portal, "journey-uploader", PASSWORD, [])
    folder.manage_setLocalRoles("journey-uploader", ["Editor", "Contributor"])
    folder.reindexObjectSecurity()
    transaction.commit()
    design_as(page, ("journey-uploader", PASSWORD), "workshop/page")

    # With the mouse this time: click into the sidebar, then the palette.
    page.get_by_role("region", name="Sidebar", exact=True).click()
    button(page, "Add widget").click()
    expect(page.get_by_text("New widgets go to Sidebar.")).to_be_visible()
    button(page, "Image").click()
    form = settings_form(page)
    form.get_by_label("Or upload a new image").set_input_files(
        {"name": "lathe.png", "mimeType": "image/png", "buffer": png()}
    )
    form.get_by_label("Alternative text", exact=True).fill("A lathe in the workshop")
    apply(page, form)
    expect(card_named(page, "image", "lathe.png")).to_be_focused()
    save(page)

    widget = new_widget(composite)
    (image,) = [item for item in folder.objectValues() if item.portal_type == "Image"]
    assert widget.type == "image"
    assert widget.settings["uid"] == image.UID()
    assert widget.settings["alt"] == "A lathe in the workshop"
    as_visitor(page, "workshop/page")
    sidebar = page.locator(".composite-slot-sidebar")
    expect(sidebar.get_by_role("img", name="A lathe in the workshop")).to_be_visible()
