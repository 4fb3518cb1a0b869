"""Bad data the arrangement API used to accept and store, and stored data that
failed to render (issue 12). The API is the last line, whatever the entry point:
it refuses with InvalidArrangement naming the field."""

from collective.composite import arrangement
from collective.composite.arrangement.storage import find
from collective.composite.exceptions import InvalidArrangement
from page_fixtures import add
from page_fixtures import as_visitor
from page_fixtures import render
from page_fixtures import store_settings

import pytest


UID = "0123456789abcdef0123456789abcdef"
QUERY = "plone.app.querystring.operation."


def refusal_of(page, slots: dict, **data) -> InvalidArrangement:
    with pytest.raises(InvalidArrangement) as refused:
        arrangement.save(page, {"slots": slots, **data}, None)
    return refused.value


def widget(type_name: str, widget_id: str = "w", **settings) -> dict:
    return {"id": widget_id, "type": type_name, "settings": settings}


def listing(*criteria) -> dict:
    return widget("listing", query=list(criteria))


def test_a_lone_surrogate_in_rich_text_is_refused_naming_the_field(page):
    refusal = refusal_of(page, {"main": [widget("text", text="<p>\ud800</p>")]})
    assert refusal.field == "slots.main.0.settings.text"
    assert find(page) is None


def test_a_lone_surrogate_in_an_html_widget_is_refused(page):
    with pytest.raises(InvalidArrangement) as refused:
        add(page, "html", {"html": "<b>\udfff</b>"})
    assert refused.value.field == "settings.html"


def test_a_lone_surrogate_in_a_query_value_is_refused(page):
    criterion = {"i": "SearchableText", "o": f"{QUERY}string.contains", "v": "\ud800"}
    refusal = refusal_of(page, {"main": [listing(criterion)]})
    assert refusal.field == "slots.main.0.settings.query.0.v"


def test_a_lone_surrogate_in_an_unplaced_widgets_slot_is_refused(page):
    unplaced = {**widget("text", text="<p>a</p>"), "slot": "gone\ud800"}
    refusal = refusal_of(page, {}, unplaced=[unplaced])
    assert refusal.field == "unplaced.0.slot"


def test_an_infinite_query_value_is_refused(page):
    criterion = {"i": "portal_type", "o": f"{QUERY}selection.any", "v": float("inf")}
    refusal = refusal_of(page, {"main": [listing(criterion)]})
    assert refusal.field == "slots.main.0.settings.query.0.v"


@pytest.mark.parametrize("widget_id", [["a"], {"a": 1}])
def test_a_widget_id_that_is_no_text_is_refused_naming_it(page, widget_id):
    refusal = refusal_of(page, {"main": [{**widget("text"), "id": widget_id}]})
    assert refusal.field == "slots.main.0.id"


def test_a_uid_with_a_trailing_newline_is_refused(page):
    refusal = refusal_of(page, {"main": [widget("content", uid=UID + "\n")]})
    assert refusal.field == "slots.main.0.settings.uid"


def test_a_listings_collection_uid_with_a_trailing_newline_is_refused(page):
    refusal = refusal_of(page, {"main": [widget("listing", collection=UID + "\n")]})
    assert refusal.field == "slots.main.0.settings.collection"


def test_a_searchabletext_criterion_without_value_is_refused(page):
    criterion = {"i": "SearchableText", "o": f"{QUERY}string.contains"}
    refusal = refusal_of(page, {"main": [listing(criterion)]})
    assert refusal.field == "slots.main.0.settings.query"
    assert "SearchableText" in str(refusal)


@pytest.mark.parametrize("value", [["a", "b"], 3])
def test_a_text_criterion_with_a_value_that_is_no_text_is_refused(page, value):
    criterion = {"i": "SearchableText", "o": f"{QUERY}string.contains", "v": value}
    refusal = refusal_of(page, {"main": [listing(criterion)]})
    assert refusal.field == "slots.main.0.settings.query"


def test_a_relative_date_of_too_many_days_is_refused(page):
    criterion = {"i": "created", "o": f"{QUERY}date.lessThanRelativeDate", "v": 10**30}
    refusal = refusal_of(page, {"main": [listing(criterion)]})
    assert refusal.field == "slots.main.0.settings.query"


def test_a_searchabletext_criterion_with_a_value_is_rendered(page, http_request):
    criterion = {"i": "SearchableText", "o": f"{QUERY}string.contains", "v": "page"}
    add(page, "listing", {"title": "Found", "query": [criterion]})
    assert "Found" in render(page, http_request)


def test_an_html_widget_stored_with_a_lone_surrogate_still_shows(page, http_request):
    # As stored before the API refused lone surrogates.
    shown = add(page, "html", {"html": "<p>Before</p>"})
    store_settings(page, shown.id, {"html": "<p>Be\ud800fore</p>"})
    as_visitor(page.aq_parent)
    page.manage_permission("View", ["Anonymous"], acquire=True)
    assert "<p>Be\ufffdfore</p>" in render(page, http_request)


def test_a_number_criterion_may_have_a_number_as_its_value(page):
    criterion = {
        "i": "getObjPositionInParent",
        "o": f"{QUERY}int.lessThan",
        "v": 3,
    }
    arrangement.save(page, {"slots": {"main": [listing(criterion)]}}, None)
    assert arrangement.get(page).slots["main"][0].settings["query"] == [criterion]


def test_a_title_criterion_needs_text(page):
    criterion = {"i": "Title", "o": f"{QUERY}string.contains", "v": 3}
    refusal = refusal_of(page, {"main": [listing(criterion)]})
    assert refusal.field == "slots.main.0.settings.query"
