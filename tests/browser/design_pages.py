"""Helpers of the design-mode browser tests: composite pages, the editor's parts
by their accessible names, the stored arrangement."""

from browsing import login
from collections.abc import Callable
from collective.composite import arrangement
from collective.composite.arrangement import locking
from collective.composite.interfaces import ICompositeEnabled
from pathlib import Path
from playwright.sync_api import expect
from playwright.sync_api import Locator
from playwright.sync_api import Page
from plone import api
from xml.etree import ElementTree
from zope.interface import alsoProvides

import os
import transaction


ROOT = Path(__file__).resolve().parents[2]
SOMEONE_ELSE = "someone-else"
PASSWORD = "a password nobody guesses"
PACKAGE = ROOT / "src" / "collective" / "composite"
WIDGET_DIRECTIVE = "{http://namespaces.plone.org/composite}widget"
# Where screenshot() writes: git-ignored unless COMPOSITE_SCREENSHOTS_DIR says
# otherwise (``make screenshots`` points it at docs/_static/screenshots).
SCREENSHOTS_DIR_VARIABLE = "COMPOSITE_SCREENSHOTS_DIR"
DEFAULT_SCREENSHOTS = ROOT / "test-results" / "screenshots"


def make_page(portal, data: dict, id_: str = "page", title: str = "Our page"):
    """A composite-enabled page shown with ``composite-view``, arranged as
    ``data`` (as ``arrangement.save`` takes it), committed.
    """
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(
            container=portal, type="Document", id=id_, title=title
        )
        alsoProvides(page, ICompositeEnabled)
        page.setLayout("composite-view")
        page.reindexObject()
        arrangement.save(page, data, None)
    transaction.commit()
    return page


def add_user(portal, user: str, password: str, roles: list[str]) -> None:
    """A user with site-wide ``roles`` and nothing else, committed."""
    portal.acl_users.userFolderAddUser(user, password, roles, [])
    transaction.commit()


def editor_named(
    portal, user: str, fullname: str, password: str = PASSWORD
) -> tuple[str, str]:
    """An Editor (and nothing more) called ``fullname``, committed.

    :returns: the credentials (user, password) ``design_as`` takes.
    """
    portal.acl_users.userFolderAddUser(user, password, ["Editor"], [])
    api.user.get(username=user).setMemberProperties({"fullname": fullname})
    transaction.commit()
    return user, password


def shipped_widget_types() -> list[str]:
    """The names of the widget types the add-on ships: its ZCML's
    ``composite:widget`` directives, read without loading Zope, so tests can
    be parametrized over them (a test checks them against the registry)."""
    return sorted(
        element.get("name")
        for path in PACKAGE.rglob("*.zcml")
        for element in ElementTree.parse(path).iter(WIDGET_DIRECTIVE)
    )


def two_column_page(portal):
    """A two-column page: Alpha and Beta in the main slot, Gamma in the sidebar."""
    return make_page(
        portal,
        {
            "layout": "two-columns",
            "slots": {
                "main": [text("alpha", "Alpha"), text("beta", "Beta")],
                "sidebar": [text("gamma", "Gamma")],
            },
        },
    )


def text(widget_id: str, words: str) -> dict:
    """A text widget whose card is titled ``words``."""
    return {"id": widget_id, "type": "text", "settings": {"text": f"<p>{words}</p>"}}


def stored(page) -> dict[str, list[str]]:
    """The stored arrangement as slot name -> widget ids, ``unplaced`` included,
    as the server committed it."""
    transaction.begin()
    state = arrangement.get(page)
    ids = {name: [w.id for w in widgets] for name, widgets in state.slots.items()}
    ids["unplaced"] = [w.id for w in state.unplaced]
    ids["layout"] = state.layout
    return ids


def saved_by_someone_else(page, change: Callable):
    """Another editor (``someone-else``, an Editor) saves ``change`` (called
    with the page) as their design mode would: they take the page's design
    lock over, save and leave, in one committed transaction. While someone
    else holds the lock, their write would be refused; leaving releases it, so
    a save of the first editor then meets their newer version (a conflict).

    :returns: what ``change`` returns.
    """
    transaction.begin()
    users = api.portal.get().acl_users
    if users.getUserById(SOMEONE_ELSE) is None:
        users.userFolderAddUser(SOMEONE_ELSE, SOMEONE_ELSE, ["Editor"], [])
    with api.env.adopt_user(username=SOMEONE_ELSE):
        locking.lock(page, take_over=True)
        result = change(page)
        locking.unlock(page)
    transaction.commit()
    return result


def open_design(page: Page, path: str = "page") -> None:
    """Open design mode and wait for the editor to run."""
    page.goto(f"{path}/@@composite-design")
    page.wait_for_function(
        "() => document.querySelector('[data-composite-editor]')?.compositeEditor"
    )


def design_as(page: Page, credentials: tuple[str, str], path: str = "page") -> None:
    """Log in with ``credentials`` (user, password), then open design mode."""
    login(page, *credentials)
    open_design(page, path)


def add_text_widget(page: Page) -> Locator:
    """Pick Text in the palette of Add widget.

    :returns: the settings dialog of the new widget, once visible.
    """
    button(page, "Add widget").click()
    page.locator("[data-composite-palette]").get_by_role("button", name="Text").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    return dialog


def card(page: Page, title: str):
    """A widget card, by its accessible name ("Text: <title>")."""
    return page.get_by_role("group", name=f"Text: {title}", exact=True)


def slot(page: Page, title: str):
    """A slot of the design template, by its title."""
    return page.locator("[data-composite-canvas]").get_by_role(
        "region", name=title, exact=True
    )


def move_with_keys(page: Page, title: str, *keys: str) -> None:
    """Pick a card up with the keyboard, press ``keys``, drop it."""
    card(page, title).focus()
    page.keyboard.press("Space")
    for key in keys:
        page.keyboard.press(key)
    page.keyboard.press("Space")
    expect(page.locator("[data-composite-live]")).to_contain_text(f"{title} dropped")


def button(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def save(page: Page) -> None:
    """Press Save and wait until the editor says it saved."""
    button(page, "Save").click()
    expect_saved(page)


def expect_saved(page: Page) -> None:
    status = page.locator("[data-composite-status]")
    expect(status).to_have_attribute("data-kind", "success")
    expect(status).to_have_text("Saved.")


def card_ids(page: Page, slot_title: str) -> list[str]:
    """The ids of the cards in a slot of design mode, in order."""
    return (
        slot(page, slot_title)
        .locator("[data-widget-id]")
        .evaluate_all("cards => cards.map(card => card.dataset.widgetId)")
    )


def real_ids(page: Page, slot_name: str) -> list[str]:
    """The ids of the widgets a slot of the real view shows, in order."""
    return page.locator(f".composite-slot-{slot_name} [data-widget-id]").evaluate_all(
        "widgets => widgets.map(widget => widget.dataset.widgetId)"
    )


def screenshots_dir() -> Path:
    """The folder screenshot() writes to: ``$COMPOSITE_SCREENSHOTS_DIR`` (relative
    to the repository) when set, else the git-ignored test-results/screenshots."""
    configured = os.environ.get(SCREENSHOTS_DIR_VARIABLE)
    return ROOT / configured if configured else DEFAULT_SCREENSHOTS


def screenshot(target: Page | Locator, name: str, **options) -> Path:
    """Write a screenshot of a page or of one element, for the editor guide
    (docs/editors.md); ``make screenshots`` refreshes the guide's copies."""
    folder = screenshots_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    target.screenshot(path=path, **options)
    return path
