"""``GET @composite-history`` is paged as plone.restapi pages its lists:
``b_start`` and ``b_size`` in the query string, ``items_total`` and, when the
revisions do not fit one page, ``batching`` with the other pages' URLs. By
default one page holds every kept revision (design mode's History panel reads
the first page only); a parameter that is not a whole number in its range is
refused with a 400 naming it, never a 500."""

from collective.composite.interfaces import MAX_HISTORY_RETENTION
from functional_fixtures import arrange
from functional_fixtures import last_transaction
from functional_fixtures import text_widget

import pytest


@pytest.fixture
def url(functional_page) -> str:
    """A page of five revisions, numbered 1 to 5."""
    for text in ("one", "two", "three", "four", "five"):
        arrange(functional_page, {"slots": {"main": [text_widget("a", text)]}})
    return f"{functional_page.absolute_url()}/@composite-history"


def numbers(response) -> list[int]:
    assert response.status_int == 200, response
    return [item["number"] for item in response.json["items"]]


def test_by_default_one_page_holds_every_revision(editor, url):
    response = editor.get(url)
    assert numbers(response) == [5, 4, 3, 2, 1]
    assert response.json["items_total"] == 5
    assert "batching" not in response.json


def test_b_size_pages_the_revisions(editor, url):
    response = editor.get(f"{url}?b_size=2")
    assert numbers(response) == [5, 4]
    assert response.json["items_total"] == 5
    assert response.json["batching"] == {
        "@id": f"{url}?b_size=2",
        "first": f"{url}?b_start=0&b_size=2",
        "last": f"{url}?b_start=4&b_size=2",
        "next": f"{url}?b_start=2&b_size=2",
    }


def test_b_start_gives_a_later_page_with_a_link_back(editor, url):
    response = editor.get(f"{url}?b_start=2&b_size=2")
    assert numbers(response) == [3, 2]
    assert response.json["batching"]["prev"] == f"{url}?b_start=0&b_size=2"
    assert response.json["batching"]["next"] == f"{url}?b_start=4&b_size=2"


def test_the_last_page_has_no_next(editor, url):
    response = editor.get(f"{url}?b_start=4&b_size=2")
    assert numbers(response) == [1]
    assert "next" not in response.json["batching"]


def test_a_start_past_the_revisions_is_an_empty_page(editor, url):
    response = editor.get(f"{url}?b_start=7")
    assert numbers(response) == []
    assert response.json["items_total"] == 5


def test_the_largest_page_is_taken(editor, url):
    assert numbers(editor.get(f"{url}?b_size={MAX_HISTORY_RETENTION}")) == [
        5,
        4,
        3,
        2,
        1,
    ]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("b_start=-1", "b_start"),
        ("b_start=x", "b_start"),
        ("b_start=", "b_start"),
        (f"b_start={MAX_HISTORY_RETENTION}", "b_start"),
        ("b_start=" + "9" * 5000, "b_start"),
        ("b_start=1&b_start=2", "b_start"),
        ("b_size=0", "b_size"),
        ("b_size=-2", "b_size"),
        ("b_size=1.5", "b_size"),
        ("b_size=%C2%B2", "b_size"),
        (f"b_size={MAX_HISTORY_RETENTION + 1}", "b_size"),
        ("b_size=" + "9" * 5000, "b_size"),
        ("b_size:list=2", "b_size"),
    ],
)
def test_a_bad_parameter_is_refused_naming_it(editor, url, functional_app, query, name):
    before = last_transaction(functional_app)
    response = editor.get(f"{url}?{query}")
    assert response.status_int == 400, response
    error = response.json["error"]
    assert (error["type"], error["field"]) == ("InvalidParameter", name)
    assert error["message"].startswith(f"{name}: a whole number from ")
    assert last_transaction(functional_app) == before


def test_the_range_is_said_in_the_refusal(editor, url):
    response = editor.get(f"{url}?b_size=0")
    assert response.json["error"]["message"] == (
        "b_size: a whole number from 1 to 1,000 is expected."
    )
