"""Requests that answered 500, or stored bad data, when an attacker fuzzed a
running site (issue 12), through the published WSGI app. Each is refused now
with a 4xx naming the field, and changes nothing."""

from collective.composite.interfaces import MIN_PAYLOAD_BYTES
from collective.composite.json_body import MAX_PAYLOAD_RECORD
from functional_fixtures import last_transaction
from functional_fixtures import text_widget
from plone import api
from urllib.parse import quote
from urllib.parse import urlencode

import json
import pytest
import transaction


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
QUERY = "plone.app.querystring.operation."
UID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def url(two_columns_page) -> str:
    return two_columns_page.absolute_url()


def patch_slots(editor, url, main: list):
    return editor.patch(
        f"{url}/@composite", json={"version": "1", "slots": {"main": main}}
    )


def field_of(response) -> tuple[int, str]:
    return response.status_int, response.json["error"]["field"]


def post_json(client, url: str, body: dict | bytes):
    """POST ``body`` (raw bytes, or a value sent as JSON) as design mode does:
    with the user's CSRF token."""
    token = client.csrf_token(url.rsplit("/page/", 1)[0])
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.request("POST", url, body=raw, headers={"X-CSRF-TOKEN": token})


def post_form(client, url: str, fields: dict, accept: str):
    fields = {**fields, "_authenticator": client.csrf_token(url.rsplit("/page/", 1)[0])}
    headers = {**FORM, "Accept": accept}
    return client.request("POST", url, body=urlencode(fields).encode(), headers=headers)


@pytest.fixture
def browser(rest_client):
    """The editor as design mode sends requests: Basic auth and a CSRF token."""
    return rest_client("editor", auth="basic")


class TestLoneSurrogates:
    def test_patch_refuses_one_in_rich_text_naming_the_field(
        self, editor, url, functional_app
    ):
        before = last_transaction(functional_app)
        response = patch_slots(editor, url, [text_widget("a", "\ud800")])
        assert field_of(response) == (400, "slots.main.0.settings.text")
        assert last_transaction(functional_app) == before

    def test_patch_refuses_one_in_an_html_widget(self, rest_client, url):
        widget = {"id": "h", "type": "html", "settings": {"html": "<b>\ud800</b>"}}
        response = patch_slots(rest_client("manager"), url, [widget])
        assert field_of(response) == (400, "slots.main.0.settings.html")

    def test_import_refuses_one_naming_the_field(self, editor, url):
        document = {
            "layout": "two-columns",
            "slots": {"main": [text_widget("a", "\udc00")]},
        }
        response = editor.request(
            "POST",
            f"{url}/@composite-import",
            json={"version": "1", "arrangement": document},
        )
        assert field_of(response) == (400, "arrangement.slots.main.0.settings.text")

    def test_preview_refuses_one(self, browser, url):
        data = {"slots": {"main": [text_widget("a", "\ud800")]}}
        response = post_json(
            browser, f"{url}/@composite-preview", {"arrangement": data}
        )
        assert field_of(response) == (400, "arrangement.slots.main.0.settings.text")
        assert "lone surrogate" in response.json["error"]["message"]

    def test_cards_refuse_one_naming_the_field(self, browser, url):
        data = {"slots": {"main": [text_widget("a", "\ud800")]}}
        body = {"arrangement": data, "ids": ["a"]}
        response = post_json(browser, f"{url}/@composite-cards", body)
        assert field_of(response) == (400, "arrangement.slots.main.0.settings.text")


class TestRevisionNumbers:
    @pytest.mark.parametrize("number", ["²", "١", "9" * 5000])
    def test_history_answers_404_to_what_is_no_ascii_number(self, editor, url, number):
        response = editor.get(f"{url}/@composite-history/{quote(number)}")
        assert response.status_int == 404

    @pytest.mark.parametrize("number", ["²", "9" * 5000])
    def test_restore_answers_404_to_what_is_no_ascii_number(self, editor, url, number):
        response = editor.request(
            "POST",
            f"{url}/@composite-history/{quote(number)}/restore",
            json={"version": "1"},
        )
        assert response.status_int == 404


class TestWidgetIds:
    @pytest.mark.parametrize("widget_id", [["a"], {"a": 1}])
    def test_an_id_that_is_no_text_is_refused_naming_it(self, editor, url, widget_id):
        widget = {**text_widget("a"), "id": widget_id}
        response = patch_slots(editor, url, [widget])
        assert field_of(response) == (400, "slots.main.0.id")


class TestSlotsOfAnotherShape:
    @pytest.mark.parametrize("slots", [["main"], "main"])
    def test_preview_refuses_them(self, browser, url, slots):
        body = {"arrangement": {"slots": slots}}
        response = post_json(browser, f"{url}/@composite-preview", body)
        assert field_of(response) == (400, "arrangement.slots")
        assert "The slots must be a mapping" in response.json["error"]["message"]

    @pytest.mark.parametrize("slots", [["main"], "main"])
    def test_cards_refuse_them_naming_the_field(self, browser, url, slots):
        body = {"arrangement": {"slots": slots}, "ids": []}
        response = post_json(browser, f"{url}/@composite-cards", body)
        assert field_of(response) == (400, "arrangement.slots")


class TestNumbers:
    def listing_body(self, value: str) -> bytes:
        criterion = f'{{"i": "portal_type", "o": "{QUERY}selection.any", "v": {value}}}'
        widget = (
            f'{{"id": "l", "type": "listing", "settings": {{"query": [{criterion}]}}}}'
        )
        return f'{{"version": "1", "slots": {{"main": [{widget}]}}}}'.encode()

    @pytest.mark.parametrize("value", ["1e400", "-1e400", "NaN", "9" * 5000])
    def test_patch_refuses_them_naming_the_field(
        self, editor, url, functional_app, value
    ):
        before = last_transaction(functional_app)
        response = editor.patch(f"{url}/@composite", body=self.listing_body(value))
        assert field_of(response) == (400, "slots.main.0.settings.query.0.v")
        assert last_transaction(functional_app) == before

    def test_what_get_answers_is_json_and_accepted_back(self, editor, url):
        read = editor.get(f"{url}/@composite")
        assert "Infinity" not in read.text
        body = {**json.loads(read.text), "version": read.json["version"]}
        assert editor.patch(f"{url}/@composite", json=body).status_int == 200

    def test_preview_refuses_an_overflowing_number(self, browser, url):
        body = b'{"arrangement": ' + self.listing_body("1e400") + b"}"
        response = post_json(browser, f"{url}/@composite-preview", body)
        assert field_of(response) == (
            400,
            "arrangement.slots.main.0.settings.query.0.v",
        )


class TestSettingsOfTheWrongShape:
    def test_a_uid_with_a_trailing_newline_is_refused(self, editor, url):
        widget = {"id": "c", "type": "content", "settings": {"uid": UID + "\n"}}
        response = patch_slots(editor, url, [widget])
        assert field_of(response) == (400, "slots.main.0.settings.uid")

    def test_a_searchabletext_criterion_without_value_is_refused(self, editor, url):
        criterion = {"i": "SearchableText", "o": f"{QUERY}string.contains"}
        widget = {"id": "l", "type": "listing", "settings": {"query": [criterion]}}
        response = patch_slots(editor, url, [widget])
        assert field_of(response) == (400, "slots.main.0.settings.query")


class TestBodies:
    def test_the_lock_refuses_nan_with_the_same_reader(self, editor, url):
        response = editor.request(
            "POST", f"{url}/@composite-lock", body=b'{"takeover": NaN}'
        )
        assert field_of(response) == (400, "takeover")

    def test_a_preview_arrangement_over_the_size_limit_is_refused(self, browser, url):
        api.portal.set_registry_record(MAX_PAYLOAD_RECORD, MIN_PAYLOAD_BYTES)
        transaction.commit()
        big = {"slots": {"main": [text_widget("a", "x" * MIN_PAYLOAD_BYTES)]}}
        response = post_json(browser, f"{url}/@composite-preview", {"arrangement": big})
        assert response.status_int == 413

    def test_nesting_deeper_than_the_limit_is_refused_naming_where(self, editor, url):
        body = b'{"version": "1", "slots": {"main": ' + b"[" * 40 + b"]" * 40 + b"}}"
        response = editor.patch(f"{url}/@composite", body=body)
        assert response.status_int == 400
        assert response.json["error"]["field"].startswith("slots.main.0.0")


class TestSettingsForm:
    @pytest.mark.parametrize(
        "settings", ['{"limit": 1e400}', '{"title": "\\ud800"}', '{"a": NaN}']
    )
    def test_opening_it_refuses_what_the_reader_refuses(self, browser, url, settings):
        fields = {
            "composite.type": "listing",
            "composite.id": "w1",
            "composite.settings": settings,
        }
        response = post_form(
            browser, f"{url}/@@composite-widget-settings", fields, "text/html"
        )
        assert response.status_int == 400
