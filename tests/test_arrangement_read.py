"""Reading an arrangement: the default for a new page, snapshots, no writes."""

from collective.composite import arrangement
from collective.composite.arrangement.storage import KEY
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from shipped_layouts import SHIPPED
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest

import pytest


pytestmark = pytest.mark.usefixtures("fake_types")


def test_a_page_never_arranged_has_the_default_layout(page):
    result = arrangement.get(page)
    assert result.layout == "one-column"
    assert result.version == "0"
    assert result.slots == {"main": ()}
    assert result.unplaced == ()


def test_reading_a_page_never_arranged_creates_no_annotation(page):
    arrangement.get(page)
    assert KEY not in IAnnotations(page)


def test_slots_come_in_layout_order(page):
    arrangement.set_layout(page, "landing")
    assert list(arrangement.get(page).slots) == SHIPPED["landing"]


def test_widgets_come_in_slot_order(page):
    first = arrangement.add_widget(page, "main", "note", {"title": "First"})
    second = arrangement.add_widget(page, "main", "note", {"title": "Second"})
    assert arrangement.get(page).slots["main"] == (first, second)


def test_a_widget_reads_back_as_added(page):
    widget = arrangement.add_widget(
        page, "main", "note", {"title": " Hi ", "body": "x"}
    )
    assert arrangement.get(page).slots["main"] == (
        arrangement.Widget(widget.id, "note", {"title": "Hi", "body": "x"}, "main"),
    )


def test_a_read_widgets_settings_are_read_only(page):
    arrangement.add_widget(page, "main", "note", {"title": "Kept"})
    with pytest.raises(TypeError):
        arrangement.get(page).slots["main"][0].settings["title"] = "Changed"
    assert arrangement.get(page).slots["main"][0].settings["title"] == "Kept"


def test_changing_a_copy_of_read_settings_changes_nothing_stored(page):
    arrangement.add_widget(page, "main", "note", {"title": "Kept"})
    copied = dict(arrangement.get(page).slots["main"][0].settings)
    copied["title"] = "Changed"
    assert arrangement.get(page).slots["main"][0].settings["title"] == "Kept"


def test_widgets_lists_placed_then_unplaced(page):
    arrangement.set_layout(page, "two-columns")
    aside = arrangement.add_widget(page, "sidebar", "note", {"title": "Aside"})
    main = arrangement.add_widget(page, "main", "note", {"title": "Main"})
    arrangement.set_layout(page, "one-column")
    assert arrangement.get(page).widgets == (main, aside)


def test_a_page_whose_layout_is_gone_reads_with_the_default_layout(page):
    arrangement.set_layout(page, "picky")
    widget = arrangement.add_widget(page, "aside", "memo", {"title": "Kept"})
    IAnnotations(page)[KEY].layout = "uninstalled-layout"
    result = arrangement.get(page)
    assert result.layout == "one-column"
    assert result.unplaced == (widget,)


def test_reading_content_that_is_not_composite_is_refused(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    document = api.content.create(container=portal, type="Document", id="plain")
    with pytest.raises(TypeError, match="not composite-enabled"):
        arrangement.get(document)


def test_reading_and_writing_work_without_a_request(page):
    """As in a script run with ``zconsole run``."""
    request = getRequest()
    setRequest(None)
    try:
        arrangement.set_layout(page, "two-columns")
        assert list(arrangement.get(page).slots) == ["main", "sidebar"]
    finally:
        setRequest(request)
