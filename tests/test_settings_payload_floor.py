"""The payload limit has a floor (64 KiB): a smaller one refused design
mode's own requests (taking over the lock, a widget's settings dialog, every
save), so that no save could succeed.

- the form and ``PATCH @controlpanels/composite`` refuse a smaller limit
  naming the setting and the floor (400 over REST, the form's error in the
  browser), written as the reader's language writes numbers; the other
  number settings' bounds are said the same way;
- a smaller limit already stored (by code around the form, a
  ``registry.xml``, a site older than the floor) reads as the floor: design
  mode's requests go through, a body over the floor is refused with 413.
"""

from collective.composite.interfaces import MAX_HISTORY_RETENTION
from collective.composite.interfaces import MAX_SETTING_NUMBER
from collective.composite.interfaces import MIN_PAYLOAD_BYTES
from collective.composite.json_body import MAX_PAYLOAD_RECORD
from functional_fixtures import last_transaction
from functional_fixtures import post_settings_dialog
from functional_fixtures import post_with_csrf_token
from functional_fixtures import text_widget
from lxml import html as lxml_html
from plone import api
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import ast
import pytest
import transaction


pytestmark = pytest.mark.arrangement(
    {"layout": "two-columns", "slots": {"main": [text_widget("a", "Hello")]}}
)
FORM = {"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def panel(functional_portal, rest_users) -> str:
    return f"{functional_portal.absolute_url()}/@controlpanels/composite"


@pytest.fixture
def german(functional_portal):
    """The site speaks German."""
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.default_language", "de")
    transaction.commit()


def only_error(response) -> dict:
    """:returns: the one error of plone.restapi's 400 (its message is the
    text of the list of errors)."""
    assert response.status_int == 400, response
    (error,) = ast.literal_eval(response.json["message"])
    return error


class TestREST:
    @pytest.mark.parametrize("value", [1, MIN_PAYLOAD_BYTES - 1, "12", 0, -1])
    def test_a_limit_below_the_floor_is_refused_naming_the_setting(
        self, rest_client, panel, functional_app, value
    ):
        before = last_transaction(functional_app)
        response = rest_client("manager").patch(
            panel, json={"max_payload_bytes": value}
        )
        error = only_error(response)
        assert error["field"] == "max_payload_bytes"
        assert error["message"].startswith(
            "max_payload_bytes: At least 65,536 bytes (64 KiB)"
        )
        assert last_transaction(functional_app) == before

    def test_the_floor_itself_is_taken(self, rest_client, panel):
        response = rest_client("manager").patch(
            panel, json={"max_payload_bytes": MIN_PAYLOAD_BYTES}
        )
        assert response.status_int == 204, response
        transaction.begin()
        assert api.portal.get_registry_record(MAX_PAYLOAD_RECORD) == MIN_PAYLOAD_BYTES

    def test_the_floor_is_written_in_german_for_german_readers(
        self, rest_client, panel, german
    ):
        response = rest_client("manager").patch(panel, json={"max_payload_bytes": 1})
        assert "65.536" in only_error(response)["message"]

    def test_the_schema_gives_the_floor(self, rest_client, panel):
        schema = rest_client("manager").get(panel).json["schema"]
        assert schema["properties"]["max_payload_bytes"]["minimum"] == (
            MIN_PAYLOAD_BYTES
        )

    @pytest.mark.parametrize(
        ("name", "value", "message"),
        [
            ("history_retention", 0, "history_retention: At least 1."),
            (
                "history_retention",
                MAX_HISTORY_RETENTION + 1,
                "history_retention: At most 1,000 revisions: the history is for "
                "undoing recent changes; the page's content versions keep older "
                "ones.",
            ),
            (
                "max_payload_bytes",
                MAX_SETTING_NUMBER + 1,
                "max_payload_bytes: At most 9,007,199,254,740,991.",
            ),
        ],
    )
    def test_the_other_bounds_are_said(self, rest_client, panel, name, value, message):
        response = rest_client("manager").patch(panel, json={name: value})
        assert only_error(response)["message"] == message


def submit_form(client, portal, **values):
    """Save the control panel's form as a browser does, with ``values``."""
    fields = {
        "form.widgets.max_payload_bytes": "1048576",
        "form.widgets.history_retention": "50",
        "form.widgets.image_upload_folder": "",
        "form.widgets.composite_types:list": "Composite Page",
        "form.widgets.composite_types-empty-marker": "1",
        "form.widgets.lock_refuses_saves-empty-marker": "1",
        "form.buttons.save": "Save",
        "_authenticator": client.csrf_token(portal.absolute_url()),
        **{f"form.widgets.{name}": value for name, value in values.items()},
    }
    body = "&".join(
        f"{name}={value}".replace(" ", "+") for name, value in fields.items()
    )
    return client.request(
        "POST",
        f"{portal.absolute_url()}/@@composite-controlpanel",
        body=body.encode(),
        headers=FORM,
    )


def field_error(response, name: str) -> str:
    document = lxml_html.fromstring(response.body)
    (wrapper,) = document.cssselect(f"#formfield-form-widgets-{name}")
    errors = wrapper.cssselect(".invalid-feedback")
    return " ".join(" ".join(e.text_content().split()) for e in errors)


class TestForm:
    @pytest.mark.parametrize("value", ["1", "65535"])
    def test_a_limit_below_the_floor_is_a_form_error(
        self, rest_client, functional_portal, value
    ):
        client = rest_client("manager", auth="basic")
        response = submit_form(client, functional_portal, max_payload_bytes=value)
        assert response.status_int == 200, response
        assert field_error(response, "max_payload_bytes").startswith(
            "At least 65,536 bytes (64 KiB)"
        )
        transaction.begin()
        assert api.portal.get_registry_record(MAX_PAYLOAD_RECORD) == 1048576

    def test_the_form_error_is_written_in_german(
        self, rest_client, functional_portal, german
    ):
        client = rest_client("manager", auth="basic")
        response = submit_form(client, functional_portal, max_payload_bytes="1")
        assert "65.536" in field_error(response, "max_payload_bytes")

    def test_a_retention_of_0_says_the_least(self, rest_client, functional_portal):
        client = rest_client("manager", auth="basic")
        response = submit_form(client, functional_portal, history_retention="0")
        assert field_error(response, "history_retention") == "At least 1."


def store_limit(value: int) -> None:
    """Store ``value`` as the payload limit around the form, as an older
    site or a ``registry.xml`` replacing the record's field may; commit."""
    registry = getUtility(IRegistry)
    registry.records[MAX_PAYLOAD_RECORD] = Record(
        field.Int(title="Limit", min=1), value
    )
    transaction.commit()


class TestAStoredLimitBelowTheFloor:
    @pytest.fixture(autouse=True)
    def one_byte(self, arranged):
        store_limit(1)

    def test_taking_the_lock_over_goes_through(self, rest_client, arranged):
        url = f"{arranged.absolute_url()}/@composite-lock"
        response = rest_client("editor").request("POST", url, json={"takeover": True})
        assert response.status_int == 200, response

    def test_a_save_goes_through(self, editor, arranged):
        response = editor.patch(
            f"{arranged.absolute_url()}/@composite",
            json={"version": "1", "slots": {"main": [text_widget("a", "Saved")]}},
        )
        assert response.status_int == 200, response

    def test_the_settings_dialog_opens(self, design_client, arranged):
        response = post_settings_dialog(
            design_client, arranged, '{"text": "<p>Hello</p>"}'
        )
        assert response.status_int == 200, response

    def test_the_cards_of_a_change_are_drawn(self, design_client, arranged):
        response = post_with_csrf_token(
            design_client,
            f"{arranged.absolute_url()}/@composite-cards",
            {"arrangement": {"layout": "two-columns", "slots": {}}, "ids": []},
        )
        assert response.status_int == 200, response

    def test_a_body_over_the_floor_is_refused_with_413(self, editor, arranged):
        body = "x" * MIN_PAYLOAD_BYTES
        response = editor.patch(
            f"{arranged.absolute_url()}/@composite",
            json={"version": "1", "slots": {"main": [text_widget("a", body)]}},
        )
        assert response.status_int == 413, response
        assert response.json["error"]["limit"] == MIN_PAYLOAD_BYTES
