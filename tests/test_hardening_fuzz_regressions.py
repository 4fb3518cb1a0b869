"""Regression tests of what the fuzz suite (tests/fuzz/) found beyond issue 12's
list, one per cause, through the published application."""

from collective.composite import arrangement
from lxml import html as lxml_html
from page_fixtures import png
from upload_fixtures import upload
from urllib.parse import urlencode

import json
import pytest
import transaction


FORM = {"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"}
# U+001C is a C0 control character: XML cannot hold it, lxml refuses it.
CONTROL = "\x1c"


def save_listing(editor, page, criterion):
    """PATCH @composite with one listing of ``criterion`` in ``main``."""
    return editor.patch(
        f"{page.absolute_url()}/@composite",
        json={
            "version": arrangement.get(page).version,
            "slots": {
                "main": [{"type": "listing", "settings": {"query": [criterion]}}]
            },
        },
    )


class TestRichTextWithAControlCharacter:
    def test_patch_saves_it_filtered(self, editor, two_columns_page):
        response = editor.patch(
            f"{two_columns_page.absolute_url()}/@composite",
            json={
                "version": arrangement.get(two_columns_page).version,
                "slots": {
                    "main": [{"type": "text", "settings": {"text": f"{CONTROL}Hi"}}]
                },
            },
        )
        assert response.status_int == 200, response.text
        transaction.begin()
        (widget,) = arrangement.get(two_columns_page).slots["main"]
        assert CONTROL not in widget.settings["text"]
        assert "Hi" in widget.settings["text"]

    def test_the_settings_form_applies_it(self, rest_client, two_columns_page):
        client = rest_client("editor", auth="basic")
        fields = {
            "composite.type": "text",
            "composite.id": "w1",
            "form.widgets.text": f"{CONTROL}Hi",
            "_authenticator": client.csrf_token(
                two_columns_page.aq_parent.absolute_url()
            ),
            "form.buttons.apply": "Apply",
        }
        response = client.request(
            "POST",
            f"{two_columns_page.absolute_url()}/@@composite-widget-settings",
            body=urlencode(fields).encode(),
            headers=FORM,
        )
        assert response.status_int == 200
        (found,) = lxml_html.fromstring(response.body).cssselect(
            "[data-composite-settings-result]"
        )
        result = json.loads(found.get("data-composite-settings-result"))
        assert CONTROL not in result["settings"]["text"]
        assert "Hi" in result["settings"]["text"]


class TestAListingOfTextWithoutSearchableWords:
    @pytest.fixture
    def listed(self, editor, two_columns_page):
        criterion = {
            "i": "Description",
            "o": "plone.app.querystring.operation.string.contains",
            "v": "/",
        }
        response = save_listing(editor, two_columns_page, criterion)
        assert response.status_int == 200, response.text
        return two_columns_page

    def test_renders_with_no_results_and_no_error(self, rest_client, listed):
        # An editor is shown a widget's error where visitors see nothing.
        client = rest_client("editor", auth="basic")
        response = client.get(
            f"{listed.absolute_url()}/@@composite-view", headers={"Accept": "text/html"}
        )
        assert response.status_int == 200
        assert "composite-card--error" not in response.text


class TestSettingsOfTheWrongType:
    @pytest.mark.parametrize(
        ("type_name", "settings"),
        [
            ("text", {"text": True}),
            ("text", {"text": ["a"]}),
            ("html", {"html": 3}),
            ("image", {"alt": {"a": 1}}),
            ("listing", {"limit": "ten"}),
            ("listing", {"limit": True}),
        ],
    )
    def test_the_settings_form_opens_without_them(
        self, rest_client, two_columns_page, type_name, settings
    ):
        client = rest_client("manager", auth="basic")
        query = urlencode(
            {
                "composite.type": type_name,
                "composite.id": "w1",
                "composite.settings": json.dumps(settings),
            }
        )
        response = client.get(
            f"{two_columns_page.absolute_url()}/@@composite-widget-settings?{query}",
            headers={"Accept": "text/html"},
        )
        assert response.status_int == 200, response.text[:500]
        assert lxml_html.fromstring(response.body).cssselect("form")


class TestACriterionWithANumberForText:
    @pytest.mark.parametrize(
        ("index", "operation"),
        [
            ("path", "string.absolutePath"),
            ("path", "string.path"),
            ("path", "string.relativePath"),
            ("show_inactive", "string.showInactive"),
        ],
    )
    def test_is_refused_naming_the_query(
        self, editor, two_columns_page, index, operation
    ):
        # plone.app.querystring splits a path operation's value and looks the
        # user's roles up in "show inactive"'s: a number would fail each time
        # the listing renders.
        criterion = {"i": index, "o": f"plone.app.querystring.operation.{operation}"}
        response = editor.patch(
            f"{two_columns_page.absolute_url()}/@composite",
            json={
                "version": arrangement.get(two_columns_page).version,
                "slots": {
                    "main": [
                        {
                            "type": "listing",
                            "settings": {"query": [{**criterion, "v": 0}]},
                        }
                    ]
                },
            },
        )
        assert response.status_int == 400, response.text
        assert "query" in response.text


class TestADateCriterionWithoutADate:
    @pytest.mark.parametrize("value", ["Document", "2025-13-45", "", 7])
    def test_is_refused_naming_the_query(self, editor, two_columns_page, value):
        # The catalog's date index reads it with DateTime each time the
        # listing renders, and failed.
        criterion = {
            "i": "created",
            "o": "plone.app.querystring.operation.date.lessThan",
            "v": value,
        }
        response = save_listing(editor, two_columns_page, criterion)
        assert response.status_int == 400, response.text
        assert response.json["error"]["field"].endswith("settings.query")

    def test_a_date_is_saved(self, editor, two_columns_page):
        criterion = {
            "i": "created",
            "o": "plone.app.querystring.operation.date.lessThan",
            "v": "2025-05-02",
        }
        response = save_listing(editor, two_columns_page, criterion)
        assert response.status_int == 200, response.text


def between(*values) -> dict:
    return {
        "i": "created",
        "o": "plone.app.querystring.operation.date.between",
        "v": list(values),
    }


@pytest.mark.parametrize(
    "values", [("x", "2025-06-01"), ("2025-01-01", "Document"), ("", "9" * 40)]
)
def test_a_date_range_with_an_end_that_is_no_date_is_refused(
    editor, two_columns_page, values
):
    response = save_listing(editor, two_columns_page, between(*values))
    assert response.status_int == 400, response.text
    assert response.json["error"]["field"].endswith("settings.query")


@pytest.mark.parametrize("values", [("2025-01-01", "2025-06-01"), ("", "2025-06-01")])
def test_a_date_range_of_dates_or_open_ends_is_saved_and_shown(
    editor, two_columns_page, values
):
    response = save_listing(editor, two_columns_page, between(*values))
    assert response.status_int == 200, response.text
    view = editor.get(f"{two_columns_page.absolute_url()}/@@composite-view")
    assert "composite-listing" in view.text


def test_an_upload_whose_file_name_has_a_line_break_is_stored(
    rest_client, functional_page, functional_portal, contributor
):
    """A browser sends a line break in a file name as %0D%0A, which Zope
    decodes: the image was refused by its file name's check (500); it is
    stored, its name on one line."""
    url = f"{functional_page.absolute_url()}/@@composite-widget-settings"
    response = upload(rest_client, url, png(), filename="teal\r\nsquare.png")
    assert response.status_int == 200, response.status
    transaction.begin()
    (image,) = [
        item for item in functional_portal.objectValues() if item.portal_type == "Image"
    ]
    assert image.Title() == "teal square.png"
    assert image.image.filename == "teal square.png"
    assert image.image.data == png()
