"""Uploading an image in the settings form of an image widget: stored as a
Plone Image in the configured folder (by default the page's container) with
the user's own add permission, and chosen; refused with the reason at the
field, storing nothing, when it is not an image or the user may not add it."""

from collective.composite.design.uploads import UPLOAD_FOLDER_RECORD
from lxml import html as lxml_html
from page_fixtures import png
from plone import api
from test_design_settings import opening
from test_design_settings import post
from test_design_settings import result_of
from upload_fixtures import images_in
from upload_fixtures import upload

import pytest
import transaction


@pytest.fixture
def url(functional_page) -> str:
    return f"{functional_page.absolute_url()}/@@composite-widget-settings"


@pytest.fixture
def media(functional_portal, functional_page):
    """A folder /media configured as the upload folder, where the Editor may add."""
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=functional_portal, type="Folder", id="media", title="Media"
        )
    folder.manage_setLocalRoles("editor", ["Contributor"])
    api.portal.set_registry_record(UPLOAD_FOLDER_RECORD, "/media")
    transaction.commit()
    return folder


def upload_error(response) -> str:
    document = lxml_html.fromstring(response.text)
    (field,) = document.cssselect("#formfield-composite-upload.error")
    return " ".join(
        field.cssselect("#composite-upload-error")[0].text_content().split()
    )


def test_the_image_form_offers_an_upload(rest_client, url, contributor):
    response = post(rest_client, url, opening("image", {}))
    document = lxml_html.fromstring(response.text)
    (field,) = document.cssselect("input[type='file'][name='composite.upload']")
    assert field.get("accept") == "image/*"
    assert (
        "Plone site" in document.cssselect("#composite-upload-help")[0].text_content()
    )


def test_an_upload_is_stored_in_the_pages_container_and_chosen(
    rest_client, url, contributor, functional_portal
):
    response = upload(rest_client, url, png())
    result = result_of(response)
    assert images_in(functional_portal) == ["teal.png"]
    image = functional_portal["teal.png"]
    assert image.image.data == png()
    assert result["settings"]["uid"] == image.UID()
    assert result["settings"]["scale"] == "preview"
    assert result["title"] == "teal.png"


def test_an_upload_goes_to_the_configured_folder(
    rest_client, url, media, functional_portal
):
    result = result_of(upload(rest_client, url, png()))
    assert images_in(media) == ["teal.png"]
    assert images_in(functional_portal) == []
    assert result["settings"]["uid"] == media["teal.png"].UID()


def test_an_upload_without_the_add_permission_is_refused(
    rest_client, url, rest_users, functional_portal
):
    response = upload(rest_client, url, png())
    assert response.status_int == 403
    assert result_of(response) is None
    assert upload_error(response) == "You may not add images to Plone site."
    assert images_in(functional_portal) == []


def test_a_file_that_is_not_an_image_is_refused(
    rest_client, url, contributor, functional_portal
):
    response = upload(rest_client, url, b"%PDF-1.4 not a picture", filename="a.pdf")
    assert response.status_int == 400
    assert upload_error(response) == (
        "a.pdf is not an image: upload a PNG, JPEG, GIF or WebP file."
    )
    assert images_in(functional_portal) == []


def test_a_missing_upload_folder_is_refused(
    rest_client, url, contributor, functional_portal
):
    api.portal.set_registry_record(UPLOAD_FOLDER_RECORD, "/nowhere")
    transaction.commit()
    response = upload(rest_client, url, png())
    assert response.status_int == 400
    assert upload_error(response).startswith(
        "There is no folder /nowhere for uploaded images;"
    )
    assert images_in(functional_portal) == []


def test_an_invalid_other_setting_stores_no_image(
    rest_client, url, contributor, functional_portal
):
    response = upload(rest_client, url, png(), **{"form.widgets.caption": "a\nb"})
    assert result_of(response) is None
    document = lxml_html.fromstring(response.text)
    assert document.cssselect("#formfield-form-widgets-caption.error")
    assert images_in(functional_portal) == []


def test_an_upload_needs_the_csrf_token(
    rest_client, url, contributor, functional_portal
):
    response = upload(rest_client, url, png(), token=False)
    assert response.status_int == 403
    assert images_in(functional_portal) == []
