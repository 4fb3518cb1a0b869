"""A decorative image, made in the settings dialog by an Editor: the box
"Decorative image (no alternative text)" ticked stores an empty ``alt`` (the
visitor's image has ``alt=""``, not the image's title), and unticked again
the image's title is its alternative text once more. By accessible names only;
the stored setting and the visitor's view are checked each time."""

from browsing import login
from collective.composite import arrangement
from design_pages import apply
from design_pages import button
from design_pages import design_as
from design_pages import make_page
from design_pages import pick
from design_pages import save
from design_pages import settings_form
from design_pages import text
from page_fixtures import make_image
from playwright.sync_api import expect
from playwright.sync_api import FrameLocator
from playwright.sync_api import Locator
from playwright.sync_api import Page
from plone import api

import json
import pytest
import re
import transaction


DECORATIVE = "Decorative image (no alternative text)"
TITLE = "Workshop photo"


@pytest.fixture
def composite(acceptance_portal):
    """The image Workshop photo; a page with Gamma in its sidebar."""
    with api.env.adopt_roles(["Manager"]):
        make_image(acceptance_portal, "workshop", TITLE)
    transaction.commit()
    return make_page(
        acceptance_portal,
        {
            "layout": "two-columns",
            "slots": {
                "main": [text("alpha", "Alpha")],
                "sidebar": [text("gamma", "Gamma")],
            },
        },
    )


def decorative_box(form: FrameLocator | Locator):
    return form.get_by_role("checkbox", name=DECORATIVE, exact=True)


def alternative_text(form: FrameLocator | Locator):
    return form.get_by_role("textbox", name="Alternative text", exact=True)


def image_card(page: Page):
    return page.get_by_role("group", name=f"Image: {TITLE}", exact=True)


def stored_image_settings(composite) -> dict:
    """The settings of the image widget in the sidebar, as the server committed them."""
    transaction.begin()
    (widget,) = [
        w for w in arrangement.get(composite).slots["sidebar"] if w.type == "image"
    ]
    return dict(widget.settings)


def test_an_editor_makes_a_new_image_decorative_and_undoes_it(
    page, second_page, jane, composite
):
    design_as(page, jane)
    page.get_by_role("region", name="Sidebar", exact=True).click()
    button(page, "Add widget").click()
    button(page, "Image").click()
    form = settings_form(page)
    pick(page, form, "Image", TITLE)
    box = decorative_box(form)
    expect(box).not_to_be_checked()
    expect(alternative_text(form)).to_be_enabled()
    alternative_text(form).fill("A lathe")
    box.check()
    # The alternative text is set aside while the image is decorative.
    expect(alternative_text(form)).to_be_disabled()
    apply(page, form)
    card = image_card(page)
    expect(card).to_be_focused()
    expect(card).to_contain_text(DECORATIVE)
    save(page)

    settings = stored_image_settings(composite)
    assert settings["alt"] == ""
    # The visitor's image is skipped by screen readers: alt="", no title.
    visitor = second_page
    visitor.goto("page")
    sidebar = visitor.locator(".composite-slot-sidebar")
    expect(sidebar.locator("img")).to_have_count(1)
    expect(sidebar.locator("img")).to_have_attribute("alt", "")
    expect(sidebar.get_by_role("img", name=TITLE)).to_have_count(0)
    expect(sidebar.get_by_role("img", name="A lathe")).to_have_count(0)

    # Edited again: the box is ticked; unticked, the title is used again.
    card.get_by_role("button", name=f"Edit {TITLE}").click()
    form = settings_form(page)
    box = decorative_box(form)
    expect(box).to_be_checked()
    expect(alternative_text(form)).to_be_disabled()
    expect(alternative_text(form)).to_have_value("")
    box.uncheck()
    expect(alternative_text(form)).to_be_enabled()
    apply(page, form)
    expect(card).to_be_focused()
    expect(card).not_to_contain_text(DECORATIVE)
    expect(card).to_contain_text(f"Alternative text: {TITLE}")
    save(page)

    assert "alt" not in stored_image_settings(composite)
    visitor.goto("page")
    sidebar = visitor.locator(".composite-slot-sidebar")
    expect(sidebar.get_by_role("img", name=TITLE, exact=True)).to_be_visible()


def test_without_javascript_the_box_makes_the_image_decorative(
    no_script_page,  # noqa: F811 -- a fixture
    jane,
    composite,
    acceptance_portal,
):
    """The settings form alone (as a bookmarked frame shows it), without
    JavaScript: the alternative text stays enabled, the box decides."""
    page = no_script_page
    login(page, *jane)
    page.goto("page/@@composite-widget-settings?composite.type=image&composite.id=w9")
    form = page.locator("#content")
    transaction.begin()
    uid = acceptance_portal["workshop"].UID()
    # Without JavaScript the item picker is a text field for the UID; its
    # label says it is required ("Image Required").
    form.get_by_role("textbox", name=re.compile(r"^Image\b")).fill(uid)
    alternative_text(form).fill("A lathe")
    decorative_box(form).check()
    form.get_by_role("button", name="Apply", exact=True).click()
    done = page.get_by_role("status").filter(has_text="Applied.")
    expect(done).to_be_visible()
    result = json.loads(done.get_attribute("data-composite-settings-result"))
    assert result["settings"]["uid"] == uid
    assert result["settings"]["alt"] == ""
