"""Helpers of the design-mode browser tests: composite pages, the editor's parts
by their accessible names, the stored arrangement."""

from browsing import login
from collections.abc import Callable
from collections.abc import Sequence
from collective.composite import arrangement
from collective.composite.arrangement import locking
from collective.composite.interfaces import ICompositeEnabled
from dataclasses import dataclass
from page_fixtures import make_image
from pathlib import Path
from playwright.sync_api import expect
from playwright.sync_api import FrameLocator
from playwright.sync_api import Locator
from playwright.sync_api import Page
from plone import api
from transaction.interfaces import TransientError
from typing import TypeVar
from xml.etree import ElementTree
from zope.interface import alsoProvides

import os
import re
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
# How often the rig's own writes (a user, a page) are tried: as often as Zope's
# publisher tries a request (once, then ``retry_max_count``, 3, times again).
ATTEMPTS = 4
Result = TypeVar("Result")


def committed(change: Callable[[], Result]) -> Result:
    """Call ``change`` and commit what it wrote. When the commit conflicts (a
    request of the server wrote the same objects meanwhile), abort and call it
    again in a fresh transaction, as Zope's publisher retries a request: a
    late request of another test's page cannot fail this test's setup.

    :param change: writes to the site the tests' connection reads.
    :returns: what ``change`` returned in the attempt that was committed.
    :raises transaction.interfaces.TransientError: (a ``ConflictError``) when
        the last attempt conflicts too.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            result = change()
            transaction.commit()
        except TransientError:
            transaction.abort()
            if attempt == ATTEMPTS:
                raise
            transaction.begin()
        else:
            return result


def make_page(portal, data: dict, id_: str = "page", title: str = "Our page"):
    """A composite-enabled page shown with ``composite-view``, arranged as
    ``data`` (as ``arrangement.save`` takes it), committed (:func:`committed`).
    """

    def create():
        with api.env.adopt_roles(["Manager"]):
            page = api.content.create(
                container=portal, type="Document", id=id_, title=title
            )
            alsoProvides(page, ICompositeEnabled)
            page.setLayout("composite-view")
            page.reindexObject()
            arrangement.save(page, data, None)
        return page

    return committed(create)


def add_user(portal, user: str, password: str, roles: list[str]) -> None:
    """A user with site-wide ``roles`` and nothing else, committed
    (:func:`committed`)."""
    committed(lambda: portal.acl_users.userFolderAddUser(user, password, roles, []))


def editor_named(
    portal, user: str, fullname: str, password: str = PASSWORD
) -> tuple[str, str]:
    """An Editor (and nothing more) called ``fullname``, committed
    (:func:`committed`).

    :returns: the credentials (user, password) ``design_as`` takes.
    """

    def create():
        portal.acl_users.userFolderAddUser(user, password, ["Editor"], [])
        api.user.get(username=user).setMemberProperties({"fullname": fullname})

    committed(create)
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


def two_columns(
    portal, main: Sequence[dict] = (), sidebar: Sequence[dict] = (), **page
):
    """A page of :func:`make_page` (``page``: its ``id_`` and ``title``) on the
    two-column layout, with the widgets ``main`` and ``sidebar`` (as
    ``arrangement.save`` takes them) in those slots, committed."""
    return make_page(
        portal,
        {
            "layout": "two-columns",
            "slots": {"main": list(main), "sidebar": list(sidebar)},
        },
        **page,
    )


def two_column_page(portal):
    """A two-column page: Alpha and Beta in the main slot, Gamma in the sidebar."""
    return two_columns(
        portal,
        main=[text("alpha", "Alpha"), text("beta", "Beta")],
        sidebar=[text("gamma", "Gamma")],
    )


def text(widget_id: str, words: str) -> dict:
    """A text widget whose card is titled ``words``."""
    return {"id": widget_id, "type": "text", "settings": {"text": f"<p>{words}</p>"}}


def types_query(*portal_types: str) -> list[dict]:
    """The query (of a collection, or a listing widget's own) that finds the
    items of ``portal_types``."""
    return [
        {
            "i": "portal_type",
            "o": "plone.app.querystring.operation.selection.any",
            "v": list(portal_types),
        }
    ]


@dataclass
class Library:
    """The content an editor picks in the settings dialogs."""

    image: object
    document: object
    collection: object


def make_library(
    portal,
    collection_id: str,
    collection_title: str,
    collection_types: list[str],
    description: str = "",
) -> Library:
    """The image Workshop photo (``workshop``), the document Opening hours
    (``opening-hours``, described as ``description``) and a collection of the
    items of ``collection_types``, made as a Manager, committed."""
    with api.env.adopt_roles(["Manager"]):
        image = make_image(portal, "workshop", "Workshop photo")
        document = api.content.create(
            container=portal,
            type="Document",
            id="opening-hours",
            title="Opening hours",
            description=description,
        )
        collection = api.content.create(
            container=portal,
            type="Collection",
            id=collection_id,
            title=collection_title,
            query=types_query(*collection_types),
        )
    transaction.commit()
    return Library(image=image, document=document, collection=collection)


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
    wait_for_editor(page)


def wait_for_editor(page: Page) -> None:
    """Wait until the editor of the design mode shown (opened or reloaded) runs."""
    page.wait_for_function(
        "() => document.querySelector('[data-composite-editor]')?.compositeEditor"
    )


def design_as(page: Page, credentials: tuple[str, str], path: str = "page") -> None:
    """Log in with ``credentials`` (user, password), then open design mode."""
    login(page, *credentials)
    open_design(page, path)


def as_visitor(page: Page, path: str = "page") -> None:
    """Forget the login (nobody is logged in any more) and show the real view
    of the page at ``path``, as a visitor sees it."""
    page.context.clear_cookies()
    page.goto(path)


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
    expect(live(page)).to_contain_text(f"{title} dropped")


def button(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def live(page: Page) -> Locator:
    """The live region through which design mode announces what happened."""
    return page.locator("[data-composite-live]")


def status(page: Page) -> Locator:
    """Design mode's status message (saved, refused, conflict...)."""
    return page.locator("[data-composite-status]")


def lock_banner(page: Page) -> Locator:
    """The banner saying who else designs the page (with Take over)."""
    return page.locator("[data-composite-lock]")


def take_over(page: Page) -> None:
    """Take the page over in the lock banner, which then goes."""
    lock_banner(page).get_by_role("button", name="Take over").click()
    expect(lock_banner(page)).to_be_hidden()


def take_over_and_save_into_conflict(page: Page) -> None:
    """Take the page over from the other editor, save, and find the save
    refused as stale: the editor shows the newer version and offers to
    re-apply."""
    take_over(page)
    button(page, "Save").click()
    expect(status(page)).to_have_attribute("data-kind", "conflict")
    expect(status(page)).to_contain_text("Someone else saved this page")


def reapply(page: Page) -> None:
    """Press Re-apply my changes in the status message of a refused save."""
    status(page).get_by_role("button", name="Re-apply my changes").click()


def clashes(page: Page) -> Locator:
    """The panel of the changes that clash with the other editor's version."""
    return page.get_by_role("region", name="Clashing changes")


def clash(page: Page, title: str) -> Locator:
    """The choices about one widget in the clashing-changes panel, by its title."""
    return clashes(page).get_by_role("group", name=title, exact=True)


def apply_choices(page: Page) -> None:
    """Press Apply my choices in the clashing-changes panel."""
    clashes(page).get_by_role("button", name="Apply my choices").click()


def settings_form(page: Page) -> FrameLocator:
    """The settings form in the open dialog, once its buttons are there."""
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    form = dialog.frame_locator("iframe")
    expect(form.get_by_role("button", name="Apply", exact=True)).to_be_visible()
    return form


def apply(page: Page, form: FrameLocator) -> None:
    """Apply the settings form and wait for its dialog to close."""
    form.get_by_role("button", name="Apply", exact=True).click()
    expect(page.get_by_role("dialog")).to_have_count(0)


def pick(page: Page, form: FrameLocator, field: str, title: str) -> None:
    """Search an item by its title in the item picker labelled ``field`` and
    choose it with Enter, as the picker's announcement says."""
    form.get_by_role("button", name="Search").first.wait_for()
    form.get_by_role("textbox", name=field, exact=True).click()
    page.keyboard.type(title)
    expect(form.get_by_role("status").filter(has_text="One result")).to_be_visible()
    page.keyboard.press("Enter")
    expect(form.get_by_role("listitem").filter(has_text=title)).to_be_visible()


def settings_frame(page: Page) -> FrameLocator:
    """The widget's settings form, in the frame of the open settings dialog."""
    return page.frame_locator(".composite-settings__frame")


def rich_text_body(form: FrameLocator) -> Locator:
    """The editable body of Plone's rich-text editor (TinyMCE) in ``form``."""
    return form.frame_locator("iframe.tox-edit-area__iframe").locator("body")


def edit_text(page: Page, title: str, words: str) -> None:
    """Replace the text of the widget titled ``title`` in its settings dialog."""
    card(page, title).get_by_role("button", name=f"Edit {title}").click()
    form = settings_frame(page)
    editable = rich_text_body(form)
    # The form loads Plone's rich-text editor, which takes its time.
    expect(editable).to_contain_text(title, timeout=20_000)
    editable.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(words)
    form.get_by_role("button", name="Apply").click()
    expect(card(page, words)).to_be_visible()


def save(page: Page) -> None:
    """Press Save and wait until the editor says it saved."""
    button(page, "Save").click()
    expect_saved(page)


def expect_saved(page: Page) -> None:
    expect(status(page)).to_have_attribute("data-kind", "success")
    expect(status(page)).to_have_text("Saved.")


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


def open_history_of_a_second_revision(page: Page, user, composite) -> Locator:
    """Commit a second revision (Gamma moved first into the main slot), open
    design mode as ``user`` and then the History panel.

    :returns: the History panel.
    """
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        arrangement.move_widget(composite, "gamma", "main", 0)
    transaction.commit()
    design_as(page, user)
    button(page, "History").click()
    return page.get_by_role("region", name="History")


def drag_with_mouse(
    page: Page,
    moving: Locator,
    target: Locator,
    heights: Sequence[float] = (0.5,),
    release: bool = True,
) -> None:
    """Drag ``moving`` with the mouse onto ``target`` and drop it there, in
    the steps of a hand: press, move a little, wait until design mode took it
    as a drag, go to ``target``, and move a little there before letting go.

    Playwright's ``drag_to`` moves the pointer in one jump and lets go at
    once: on a busy machine SortableJS sometimes missed it (its one
    ``dragover`` came while the drag was still starting), and the card stayed
    put. The way to ``target`` is still one jump, so that the card is not
    dropped into a slot it passes over.

    :param page: the page showing design mode.
    :param moving: what is dragged (a card).
    :param target: what it is dragged onto (a slot, a card).
    :param heights: where the pointer goes over ``target``, each a fraction of
        its height from its top (``1.5``: half a height below it), in its
        horizontal middle, in small steps from the first to the last, where
        it is dropped. The default drops on the middle of ``target``, as
        ``drag_to`` does.
    :param release: ``False`` keeps the mouse button pressed at the end (the
        test lets go with ``page.mouse.up()``), to look at a drag under way.
    """
    # Measured before the drag, which moves cards about.
    box = target.bounding_box()
    moving.hover()
    page.mouse.down()
    start = moving.bounding_box()
    # The browser starts a drag once the pressed pointer moved a few pixels.
    page.mouse.move(
        start["x"] + start["width"] / 2 + 8,
        start["y"] + start["height"] / 2 + 8,
        steps=4,
    )
    expect(page.locator("[data-composite-editor]")).to_have_class(
        re.compile(r"\bcomposite-editor--dragging\b")
    )
    x = box["x"] + box["width"] / 2
    ys = [box["y"] + box["height"] * fraction for fraction in heights]
    page.mouse.move(x, ys[0])
    for y in ys[1:]:
        page.mouse.move(x, y, steps=8)
    # SortableJS acts on ``dragover`` events: a jump gives one only.
    page.mouse.move(x + 2, ys[-1] + 2, steps=4)
    if release:
        page.mouse.up()
