"""@@composite-widget-settings: the settings form of a widget, generated from
its type's schema with Plone's widgets and checked as the API checks."""

from functional_fixtures import last_transaction
from lxml import html as lxml_html
from page_fixtures import make_image
from plone import api
from upload_fixtures import pressing_apply
from urllib.parse import urlencode

import json
import pytest
import transaction


FORM = {"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@@composite-widget-settings"


def post(rest_client, url, fields: dict, user="editor"):
    client = rest_client(user, auth="basic")
    return client.request("POST", url, body=urlencode(fields).encode(), headers=FORM)


def opening(type_name: str, settings: dict, widget_id: str = "w1") -> dict:
    """What design mode posts to show the form."""
    return {
        "composite.type": type_name,
        "composite.id": widget_id,
        "composite.settings": json.dumps(settings),
    }


def applying(type_name: str, widgets: dict) -> dict:
    """What the form posts when Apply is pressed, the form's ``widgets`` filled
    (the basic-auth clients of these tests send no CSRF token)."""
    return pressing_apply(type_name, {**opening(type_name, {}), **widgets}, token=None)


def content_fields(uid: str) -> dict:
    """The form of a ``content`` widget, filled with ``uid`` and title display."""
    return {"form.widgets.uid": uid, "form.widgets.display:list": "title"}


def result_of(response) -> dict | None:
    document = lxml_html.fromstring(response.text)
    found = document.cssselect("[data-composite-settings-result]")
    return json.loads(found[0].get("data-composite-settings-result")) if found else None


def test_text_settings_use_plones_rich_text_editor(rest_client, url):
    response = post(rest_client, url, opening("text", {"text": "<p>Hello</p>"}))
    assert response.status_int == 200
    document = lxml_html.fromstring(response.text)
    (textarea,) = document.cssselect("textarea[name='form.widgets.text']")
    assert "pat-tinymce" in textarea.get("class")
    assert "<p>Hello</p>" in textarea.text
    assert document.cssselect("input[name='composite.type'][value='text']")
    assert document.cssselect("input[name='composite.id'][value='w1']")
    assert result_of(response) is None


def test_content_settings_pick_the_item_with_related_items(rest_client, url):
    response = post(rest_client, url, opening("content", {}))
    document = lxml_html.fromstring(response.text)
    (field,) = document.cssselect("input[name='form.widgets.uid']")
    assert "pat-relateditems" in field.get("class")
    assert document.cssselect("select[name='form.widgets.display:list']")


def test_the_form_page_has_plones_resources_but_no_chrome(rest_client, url):
    response = post(rest_client, url, opening("text", {}))
    assert "++plone++static" in response.text or "plone.js" in response.text
    document = lxml_html.fromstring(response.text)
    assert not document.cssselect("#portal-footer-wrapper")
    assert not document.cssselect("#edit-bar")


def test_applying_returns_the_cleaned_settings_title_and_card(rest_client, url):
    fields = applying(
        "text",
        {
            "form.widgets.text": "<h2>Hours</h2><p>Daily</p><script>alert(1)</script>",
            "form.widgets.text.mimeType": "text/html",
        },
    )
    result = result_of(post(rest_client, url, fields))
    assert result["id"] == "w1"
    assert result["settings"] == {"text": "<h2>Hours</h2><p>Daily</p>"}
    assert result["title"] == "Hours"
    assert "composite-card--text" in result["html"]


def test_applying_refers_to_an_item_by_uid(rest_client, url, target):
    fields = applying("content", content_fields(target.UID()))
    result = result_of(post(rest_client, url, fields))
    assert result["settings"] == {"uid": target.UID(), "display": "title"}
    assert result["title"] == "Target"


@pytest.mark.parametrize(
    "uid",
    [
        pytest.param("", id="missing-required-setting"),
        pytest.param("not a uid", id="breaking-the-types-own-rules"),
    ],
)
def test_an_invalid_setting_shows_the_form_again_marking_the_field(
    rest_client, url, uid
):
    response = post(rest_client, url, applying("content", content_fields(uid)))
    assert result_of(response) is None
    document = lxml_html.fromstring(response.text)
    assert document.cssselect("#formfield-form-widgets-uid.error")


def test_applying_stores_nothing(rest_client, url, functional_app, functional_page):
    rest_client("editor", auth="basic").get(
        functional_page.absolute_url(), headers={"Accept": "text/html"}
    )
    before = last_transaction(functional_app)
    fields = applying("text", {"form.widgets.text": "<p>x</p>"})
    assert result_of(post(rest_client, url, fields))
    assert last_transaction(functional_app) == before


def test_cancel_hands_back_a_cancel(rest_client, url):
    fields = {**opening("text", {}), "form.buttons.cancel": "Cancel"}
    assert result_of(post(rest_client, url, fields)) == {"id": "w1", "cancel": True}


def test_an_unknown_widget_type_is_a_bad_request(rest_client, url):
    response = post(rest_client, url, opening("nonesuch", {}))
    assert response.status_int == 400


def test_the_form_needs_the_design_permission(rest_client, url):
    response = post(rest_client, url, opening("text", {}), user="reader")
    assert response.status_int == 403


def test_types_with_an_add_permission_need_it(rest_client, url):
    editor = post(rest_client, url, opening("html", {}), user="editor")
    assert editor.status_int == 403
    manager = post(rest_client, url, opening("html", {}), user="manager")
    assert manager.status_int == 200


@pytest.fixture
def picture_uid(functional_portal) -> str:
    with api.env.adopt_roles(["Manager"]):
        picture = make_image(functional_portal)
    transaction.commit()
    return picture.UID()


def test_the_form_carries_the_texts_the_widget_had_empty_to_apply(
    rest_client, url, picture_uid
):
    settings = {"uid": picture_uid, "alt": "", "caption": ""}
    response = post(rest_client, url, opening("image", settings))
    document = lxml_html.fromstring(response.text)
    (empty,) = document.cssselect("input[name='composite.empty']")
    # The empty alt goes with the "Decorative image" box, ticked, instead
    # (test_design_settings_decorative.py).
    assert empty.get("value") == "caption"
    assert document.cssselect("input[name='composite.decorative'][checked]")


@pytest.mark.parametrize(
    ("empty", "alt"),
    [
        pytest.param("alt", "", id="had-it-empty-keeps-it-empty"),
        pytest.param("", None, id="had-none-leaves-it-out"),
    ],
)
def test_an_empty_text_is_kept_only_where_the_widget_had_it_empty(
    rest_client, url, picture_uid, empty, alt
):
    fields = applying(
        "image",
        {
            "form.widgets.uid": picture_uid,
            "form.widgets.scale:list": "preview",
            "form.widgets.alt": "",
            "form.widgets.caption": "Our workshop",
            "composite.empty": empty,
        },
    )
    result = result_of(post(rest_client, url, fields))
    assert result["settings"].get("alt") == alt
    assert result["settings"]["caption"] == "Our workshop"
