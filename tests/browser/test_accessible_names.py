"""Links and buttons say where they go: on a page holding every widget type
(three listings among them), in the visitor's view and in design mode, and on
a page of two listings of one heading, in the visitor's view, no two links
or buttons going to different places, or doing different things, share one
accessible name (WCAG 2.4.4, 2.4.9). A screen reader's list of links or
buttons, or speech input ("click More"), then tells them apart.

Names are computed by Playwright as assistive technology does (its
accessibility snapshot, which follows the accessible name computation:
``aria-label``, ``aria-labelledby``, alternative texts; controls hidden from
assistive technology are left out), not read from the text. What a screen
reader reads inside an element, CSS generated content included, is read
from Chromium's own accessibility tree.
Plone's own chrome (toolbar, header, footer) is left out: the add-on renders
``#content`` (the real view's content, design mode's editor).
"""

from collections import defaultdict
from design_pages import as_visitor
from design_pages import button
from design_pages import design_as
from design_pages import make_page
from design_pages import slot
from design_pages import text
from design_pages import types_query
from page_fixtures import make_image
from playwright.sync_api import expect
from playwright.sync_api import Locator
from playwright.sync_api import Page
from plone import api

import json
import pytest
import re
import transaction
import yaml


# A control's entry in an accessibility snapshot: its role and quoted name.
SNAPSHOT_ENTRY = re.compile(r'^(?P<role>[\w-]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?')
# Where a link goes, or what a button does: what tells two controls apart
# besides their names (the card a button acts on, its action attributes).
TARGET = """(control) => {
  if (control.matches('a[href], area[href]')) return `link to ${control.href}`;
  const parts = [control.tagName.toLowerCase()];
  const card = control.closest('[data-widget-id]');
  if (card) parts.push(`of widget ${card.dataset.widgetId}`);
  const telling = ['name', 'value', 'formaction', 'aria-controls'];
  for (const {name, value} of control.attributes) {
    if (name.startsWith('data-') || telling.includes(name)) {
      parts.push(`${name}=${value}`);
    }
  }
  if (control.form) parts.push(`in form ${control.form.action}`);
  return parts.length > 1 ? parts.join(' ') : control.outerHTML;
}"""


def accessible_name(control: Locator) -> str:
    """The accessible name of ``control``, from Playwright's accessibility
    snapshot ("" for none)."""
    (entry,) = yaml.safe_load(control.aria_snapshot())
    key = entry if isinstance(entry, str) else next(iter(entry))
    match = SNAPSHOT_ENTRY.match(key)
    assert match, key
    return json.loads(f'"{match["name"]}"') if match["name"] is not None else ""


def text_inside(page: Page, role: str, name: str) -> str:
    """The text a screen reader reads inside the element of ``role`` and
    ``name``, as Chromium exposes it (its accessibility tree, CSS generated
    content included; Playwright's snapshot leaves that out)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {node["nodeId"]: node for node in nodes}
    (found,) = [
        node
        for node in nodes
        if node.get("role", {}).get("value") == role
        and node.get("name", {}).get("value") == name
        and not node.get("ignored")
    ]
    words = []
    stack = list(reversed(found.get("childIds", [])))
    while stack:
        node = by_id.get(stack.pop())
        if node is None or node.get("ignored"):
            continue
        if node.get("role", {}).get("value") == "StaticText":
            words.append(node.get("name", {}).get("value", ""))
        stack.extend(reversed(node.get("childIds", [])))
    session.detach()
    return " ".join(word for word in words if word.strip())


def names_and_targets(scope: Locator) -> dict[str, set[str]]:
    """Every link and button in ``scope`` exposed to assistive technology
    (hidden ones left out): accessible name -> what they go to or do."""
    found = defaultdict(set)
    for role in ("link", "button"):
        controls = scope.get_by_role(role)
        for index in range(controls.count()):
            control = controls.nth(index)
            found[accessible_name(control)].add(control.evaluate(TARGET))
    return found


def shared_names(scope: Locator) -> dict[str, list[str]]:
    """Names that links or buttons of different destinations or actions
    share (none is the goal), with those destinations or actions."""
    return {
        name: sorted(targets)
        for name, targets in names_and_targets(scope).items()
        if len(targets) > 1
    }


def listing(widget_id: str, collection, title: str = "", display="titles") -> dict:
    """A listing widget of ``collection`` with the heading ``title`` ("" for
    none), as ``arrangement.save`` takes it."""
    settings = {"collection": collection.UID(), "display": display}
    if title:
        settings["title"] = title
    return {"id": widget_id, "type": "listing", "settings": settings}


@pytest.fixture
def composite(acceptance_portal):
    """A landing page of every widget type: an image in the hero, a content
    item and an HTML embed in features 1 and 2 (feature 3 is empty), a text
    and the listings Latest (news) and Coming up (events) in the main slot,
    and a listing without heading (All pages) in the footer; one text is
    unplaced."""
    portal = acceptance_portal
    with api.env.adopt_roles(["Manager"]):
        photo = make_image(portal, "workshop", "Workshop photo")
        hours = api.content.create(
            container=portal, type="Document", id="hours", title="Opening hours"
        )
        api.content.create(container=portal, type="News Item", title="We opened")
        api.content.create(container=portal, type="Event", title="Summer fair")
        news, events, pages = (
            api.content.create(
                container=portal, type="Collection", title=title, query=query
            )
            for title, query in (
                ("All news", types_query("News Item")),
                ("All events", types_query("Event")),
                ("All pages", types_query("Document")),
            )
        )
    transaction.commit()
    return make_page(
        portal,
        {
            "layout": "landing",
            "slots": {
                "hero": [
                    {
                        "id": "photo",
                        "type": "image",
                        "settings": {"uid": photo.UID(), "alt": "The workshop"},
                    }
                ],
                "feature-1": [
                    {
                        "id": "hours",
                        "type": "content",
                        "settings": {"uid": hours.UID(), "display": "summary"},
                    }
                ],
                "feature-2": [
                    {"id": "map", "type": "html", "settings": {"html": "<p>Map</p>"}}
                ],
                "main": [
                    text("welcome", "Welcome"),
                    listing("latest", news, "Latest", "summaries"),
                    listing("coming", events, "Coming up"),
                ],
                "footer": [listing("pages", pages, display="cards")],
            },
            "unplaced": [{**text("aside", "Kept aside"), "slot": "nowhere"}],
        },
    )


def expect_more_links(page: Page) -> None:
    """The listings' "More…" links, each named for its listing."""
    content = page.locator("#content")
    for name in (
        "More: Latest (All news)",
        "More: Coming up (All events)",
        "More: All pages",
    ):
        expect(content.get_by_role("link", name=name, exact=True)).to_have_text("More…")


def test_a_visitor_finds_no_two_links_of_one_name(visitor, composite):
    as_visitor(visitor)
    assert shared_names(visitor.locator("#content")) == {}
    expect_more_links(visitor)


def test_an_editor_finds_no_two_links_of_one_name_in_the_real_view(
    page, jane, composite
):
    design_as(page, jane)
    page.goto("page")
    assert shared_names(page.locator("#content")) == {}
    expect_more_links(page)


def test_design_mode_has_no_two_links_or_buttons_of_one_name(page, jane, composite):
    design_as(page, jane)
    # The palette and the History panel open, so their buttons count too.
    button(page, "Add widget").click()
    button(page, "History").click()
    expect(
        page.get_by_role("region", name="History").locator("tbody tr")
    ).to_have_count(1)
    editor = page.locator("#content")
    expect(editor.get_by_role("group", name="Listing: Latest")).to_be_visible()
    assert shared_names(editor) == {}


@pytest.fixture
def one_heading_twice(acceptance_portal):
    """A page of two listings headed What's on: one of the news, one of the
    events (two sections' news, say)."""
    portal = acceptance_portal
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=portal, type="News Item", title="We opened")
        api.content.create(container=portal, type="Event", title="Summer fair")
        news, events = (
            api.content.create(
                container=portal, type="Collection", title=title, query=query
            )
            for title, query in (
                ("All news", types_query("News Item")),
                ("All events", types_query("Event")),
            )
        )
    transaction.commit()
    return make_page(
        portal,
        {
            "layout": "landing",
            "slots": {
                "main": [
                    listing("news", news, "What's on"),
                    listing("events", events, "What's on"),
                ]
            },
        },
    )


def test_two_listings_of_one_heading_have_links_of_their_own_names(
    visitor, one_heading_twice
):
    as_visitor(visitor)
    content = visitor.locator("#content")
    assert shared_names(content) == {}
    for collection in ("All news", "All events"):
        name = f"More: What's on ({collection})"
        expect(content.get_by_role("link", name=name, exact=True)).to_have_text("More…")


def test_an_empty_slot_says_its_name_once(page, jane, composite):
    """An empty slot shows its title (the drop zone's text), but a screen
    reader reads it once, as the region's name, not again as its content
    ("Feature 3, region, Feature 3")."""
    design_as(page, jane)
    empty = slot(page, "Feature 3")
    expect(empty).to_have_class(re.compile(r"\bcomposite-slot--empty\b"))
    expect(empty).to_have_accessible_name("Feature 3")
    assert text_inside(page, "region", "Feature 3") == ""
    # Still shown to the eye.
    shown = empty.evaluate("slot => getComputedStyle(slot, '::before').content")
    assert shown.startswith(('"Feature 3"', "attr(aria-label)")), shown


def test_the_empty_tray_says_its_name_once(page, jane, composite):
    """The same for the tray of unplaced widgets, once emptied: its heading
    shows its name already."""
    design_as(page, jane)
    tray = page.get_by_role("region", name="Unplaced widgets", exact=True)
    aside = tray.get_by_role("group", name="Text: Kept aside")
    aside.get_by_role("button", name="Remove Kept aside").click()
    expect(tray).to_have_class(re.compile(r"\bcomposite-slot--empty\b"))
    assert text_inside(page, "region", "Unplaced widgets") == ""
