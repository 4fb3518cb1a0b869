"""@@composite-widget-settings for every shipped widget type: the form shows
(by GET, as a bookmarked or reloaded frame asks, and by POST, as design mode
opens it), Apply with valid values hands them back cleaned, and Apply with an
invalid value shows the form again with the error at its field."""

from collective.composite.widgets.types import get_widget_types
from lxml import html as lxml_html
from page_fixtures import make_image
from plone import api
from test_design_settings import applying
from test_design_settings import opening
from test_design_settings import post
from test_design_settings import result_of
from urllib.parse import urlencode

import json
import pytest
import transaction


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@@composite-widget-settings"


QUERY = [
    {
        "i": "portal_type",
        "o": "plone.app.querystring.operation.selection.any",
        "v": ["Document"],
    }
]

# Per type: the user who may edit it, settings it is opened with, the form's
# fields for valid values, the settings they give, and an invalid value of a
# field with (part of) the message shown at it.
CASES = {
    "content": {
        "user": "editor",
        "settings": lambda uids: {"uid": uids["target"], "display": "full"},
        "valid": lambda uids: {
            "form.widgets.uid": uids["target"],
            "form.widgets.display:list": "title",
        },
        "cleaned": lambda uids: {"uid": uids["target"], "display": "title"},
        "invalid": (
            "uid",
            {"form.widgets.uid": "not a uid"},
            "Not the UID of a content item",
        ),
    },
    "text": {
        "user": "editor",
        "settings": lambda uids: {"text": "<p>Hello</p>"},
        "valid": lambda uids: {
            "form.widgets.text": "<p>Opening hours</p>",
            "form.widgets.text.mimeType": "text/html",
        },
        "cleaned": lambda uids: {"text": "<p>Opening hours</p>"},
        "invalid": (
            "text",
            {"form.widgets.text": "<p>x</p>", "form.widgets.text.mimeType": "text/x"},
            "Object is of wrong type",
        ),
    },
    "image": {
        "user": "editor",
        "settings": lambda uids: {"uid": uids["picture"], "scale": "preview"},
        "valid": lambda uids: {
            "form.widgets.uid": uids["picture"],
            "form.widgets.scale:list": "preview",
            "form.widgets.alt": "A teal square",
        },
        "cleaned": lambda uids: {
            "uid": uids["picture"],
            "scale": "preview",
            "alt": "A teal square",
        },
        "invalid": ("uid", {"form.widgets.uid": ""}, "Required input is missing."),
    },
    "listing": {
        "user": "editor",
        "settings": lambda uids: {"query": QUERY, "limit": 3},
        "valid": lambda uids: {
            "form.widgets.title": "News",
            "form.widgets.query": json.dumps(QUERY),
            "form.widgets.limit": "7",
            "form.widgets.display:list": "titles",
            "form.widgets.sort_reversed-empty-marker": "1",
        },
        "cleaned": lambda uids: {
            "title": "News",
            "query": QUERY,
            "limit": 7,
            "display": "titles",
            "sort_reversed": False,
        },
        "invalid": (
            "limit",
            {"form.widgets.limit": "500", "form.widgets.display:list": "titles"},
            "At most 100.",
        ),
    },
    "html": {
        "user": "manager",
        "settings": lambda uids: {
            "html": "<iframe src='https://example.org'></iframe>"
        },
        "valid": lambda uids: {"form.widgets.html": "<p>Embedded</p>"},
        "cleaned": lambda uids: {"html": "<p>Embedded</p>"},
        "invalid": (
            "html",
            {"form.widgets.html": "x" * 100_001},
            "At most 100,000 characters.",
        ),
    },
}


@pytest.fixture
def uids(functional_portal, target) -> dict[str, str]:
    with api.env.adopt_roles(["Manager"]):
        picture = make_image(functional_portal)
    transaction.commit()
    return {"target": target.UID(), "picture": picture.UID()}


def test_every_registered_type_is_covered(functional_portal):
    assert {widget_type.name for widget_type in get_widget_types()} == set(CASES)


def field_names(response) -> set[str]:
    document = lxml_html.fromstring(response.text)
    return {
        element.get("name") for element in document.cssselect("[name^='form.widgets.']")
    }


@pytest.mark.parametrize("type_name", CASES)
def test_the_form_shows_when_design_mode_posts(rest_client, url, uids, type_name):
    case = CASES[type_name]
    response = post(
        rest_client, url, opening(type_name, case["settings"](uids)), case["user"]
    )
    assert response.status_int == 200
    assert result_of(response) is None
    assert f"form.widgets.{case['invalid'][0]}" in field_names(response)


@pytest.mark.parametrize("type_name", CASES)
def test_the_form_shows_by_get(rest_client, url, uids, type_name):
    case = CASES[type_name]
    query = urlencode(opening(type_name, case["settings"](uids)))
    client = rest_client(case["user"], auth="basic")
    response = client.get(f"{url}?{query}", headers={"Accept": "text/html"})
    assert response.status_int == 200
    assert f"form.widgets.{case['invalid'][0]}" in field_names(response)


@pytest.mark.parametrize("type_name", CASES)
def test_applying_valid_values_hands_back_the_cleaned_settings(
    rest_client, url, uids, type_name
):
    case = CASES[type_name]
    response = post(
        rest_client, url, applying(type_name, case["valid"](uids)), case["user"]
    )
    assert response.status_int == 200
    result = result_of(response)
    expected = case["cleaned"](uids)
    assert {key: result["settings"].get(key) for key in expected} == expected
    assert f"composite-card--{type_name}" in result["html"]


@pytest.mark.parametrize("type_name", CASES)
def test_an_invalid_value_is_shown_at_its_field(rest_client, url, uids, type_name):
    case = CASES[type_name]
    field, invalid, message = case["invalid"]
    fields = {**case["valid"](uids), **invalid}
    response = post(rest_client, url, applying(type_name, fields), case["user"])
    assert response.status_int == 200
    assert result_of(response) is None
    document = lxml_html.fromstring(response.text)
    (element,) = document.cssselect(f"#formfield-form-widgets-{field}.error")
    assert message in element.text_content()


def test_a_checkbox_may_be_left_unchecked(rest_client, url):
    response = post(rest_client, url, opening("listing", {}))
    document = lxml_html.fromstring(response.text)
    (checkbox,) = document.cssselect("input[name='form.widgets.sort_reversed:list']")
    assert checkbox.get("required") is None
