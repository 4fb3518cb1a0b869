"""Refusals that no other test reached (found with branch coverage), each
through the published application: the status, a message naming the field or
the problem, and nothing changed."""

from collective.composite.design.uploads import UPLOAD_FOLDER_RECORD
from collective.composite.interfaces import ICompositeSettings
from collective.composite.interfaces import SETTINGS_PREFIX
from functional_fixtures import last_transaction
from functional_fixtures import post_with_csrf_token
from functional_fixtures import refusal
from lxml import html as lxml_html
from page_fixtures import png
from plone import api
from test_design_settings import applying
from test_design_settings import opening
from test_design_settings import post
from test_design_settings import result_of
from upload_fixtures import images_in
from upload_fixtures import upload
from urllib.parse import urlencode

import pytest
import transaction


@pytest.fixture
def settings_url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@@composite-widget-settings"


def error_messages(response) -> list[str]:
    document = lxml_html.fromstring(response.body)
    return [
        " ".join(found.text_content().split())
        for found in document.cssselect(".statusmessage-error")
    ]


def test_the_settings_form_refuses_an_id_that_is_no_widget_id(
    rest_client, settings_url
):
    response = post(rest_client, settings_url, opening("text", {}, widget_id="../a"))
    assert response.status_int == 400
    (message,) = error_messages(response)
    assert "composite.id must be a widget id." in message


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param(["{}", "{}"], id="sent-twice"),
        pytest.param("[]", id="a-list"),
        pytest.param('"text"', id="a-string"),
    ],
)
def test_the_settings_form_refuses_settings_that_are_no_json_object(
    rest_client, settings_url, settings
):
    fields = {**opening("text", {}), "composite.settings": settings}
    client = rest_client("editor", auth="basic")
    response = client.request(
        "POST",
        settings_url,
        body=urlencode(fields, doseq=True).encode(),
        headers={
            "Accept": "text/html",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert response.status_int == 400
    (message,) = error_messages(response)
    assert "composite.settings: The widget's settings must be a JSON object." in message


def test_the_settings_form_shows_a_types_own_refusal_at_its_field(
    rest_client, settings_url, functional_app
):
    # The schema takes a listing without collection and query; the type's
    # own rules do not. (A first request of the user may write: not this one.)
    rest_client("editor", auth="basic").get(
        settings_url.rsplit("/", 1)[0], headers={"Accept": "text/html"}
    )
    before = last_transaction(functional_app)
    fields = applying(
        "listing",
        {
            "form.widgets.limit": "7",
            "form.widgets.display:list": "titles",
            "form.widgets.sort_reversed-empty-marker": "1",
        },
    )
    response = post(rest_client, settings_url, fields)
    assert response.status_int == 200
    assert result_of(response) is None
    document = lxml_html.fromstring(response.text)
    (field,) = document.cssselect("#formfield-form-widgets-collection.error")
    assert "A listing needs a collection or a query." in field.text_content()
    assert last_transaction(functional_app) == before


def test_a_content_patch_that_is_not_json_is_refused_on_a_composite_page(
    rest_client, functional_page, functional_app
):
    before = last_transaction(functional_app)
    response = rest_client("editor").request(
        "PATCH",
        functional_page.absolute_url(),
        body=b'{"title": "Renamed"',
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    assert response.status_int == 400
    assert response.json["error"]["type"] == "DeserializationError"
    assert last_transaction(functional_app) == before


@pytest.mark.parametrize("value", ["many", "12.5"])
def test_the_control_panel_refuses_a_limit_that_is_no_number_naming_it(
    rest_client, functional_portal, functional_app, value
):
    before = last_transaction(functional_app)
    response = rest_client("manager").patch(
        f"{functional_portal.absolute_url()}/@controlpanels/composite",
        json={"max_payload_bytes": value},
    )
    assert response.status_int == 400
    assert "max_payload_bytes" in response.json["message"]
    assert last_transaction(functional_app) == before
    transaction.begin()
    stored = api.portal.get_registry_record(f"{SETTINGS_PREFIX}.max_payload_bytes")
    assert stored == ICompositeSettings["max_payload_bytes"].default


def test_an_upload_folder_the_editor_may_not_see_is_refused_as_none(
    rest_client, settings_url, functional_portal
):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="media", title="Media"
        )
    for permission in ("View", "Access contents information"):
        folder.manage_permission(permission, ["Manager"], acquire=False)
    api.portal.set_registry_record(UPLOAD_FOLDER_RECORD, "/media")
    transaction.commit()
    response = upload(rest_client, settings_url, png())
    assert response.status_int == 400
    assert result_of(response) is None
    document = lxml_html.fromstring(response.text)
    (error,) = document.cssselect("#composite-upload-error")
    assert " ".join(error.text_content().split()).startswith(
        "There is no folder /media for uploaded images;"
    )
    assert images_in(folder) == []


@pytest.mark.parametrize(
    ("service", "more"),
    [("@composite-cards", {"ids": ["a"]}), ("@composite-preview", {})],
)
def test_an_unsaved_slot_that_is_no_list_is_refused_naming_it(
    design_client, functional_page, service, more
):
    url = f"{functional_page.absolute_url()}/{service}"
    slots = {"main": {"id": "a", "type": "text"}}
    body = {"arrangement": {"slots": slots}, **more}
    response = post_with_csrf_token(design_client, url, body)
    assert refusal(response) == (400, "InvalidArrangement", "arrangement.slots.main")
